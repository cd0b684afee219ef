import '@testing-library/jest-dom/vitest';
import { StrictMode, useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { onMain, render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import { getFrameLoop, MAX_FRAME_SIDE, type Frame, type FrameSourceElement } from '@webcam-ml/core/runtime';
import { PoseEngine, type Pose } from '@webcam-ml/core/pose';
import { FaceEngine } from '@webcam-ml/core/face';
import { ClassifierEngine } from '@webcam-ml/core/classifier';
import { usePose } from '@webcam-ml/react/pose';
import { useFaceInfo } from '@webcam-ml/react/face';
import { ClassifierTrainer, useTrainableClassifier } from '@webcam-ml/react/classifier';
import { watchErrors, onWasmWithShortRelease } from './reliability.helpers';
import { sleep, until } from './runtime.helpers';

onWasmWithShortRelease(200);

async function image(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = url;
  await img.decode();
  return img;
}

/** `img` stretched over a canvas whose longer side is `side` pixels (8000: 64 megapixels). */
function hugeCanvas(img: HTMLImageElement, side = 8000): HTMLCanvasElement {
  const scale = side / Math.max(img.naturalWidth, img.naturalHeight);
  const c = Object.assign(document.createElement('canvas'), {
    width: Math.round(img.naturalWidth * scale),
    height: Math.round(img.naturalHeight * scale),
  });
  c.getContext('2d')!.drawImage(img, 0, 0, c.width, c.height);
  return c;
}

/** The frame size the loop must read a huge source at: the longer side clamped, the shape kept. */
function clamped(c: { width: number; height: number }) {
  const scale = MAX_FRAME_SIDE / Math.max(c.width, c.height);
  return { width: Math.round(c.width * scale), height: Math.round(c.height * scale) };
}

describe('given an 8000-pixel canvas as the source', () => {
  let person: HTMLImageElement;
  let huge: HTMLCanvasElement;
  beforeAll(async () => {
    person = await image('/fixtures/pose/pose.jpg');
    huge = hugeCanvas(person);
  });

  it(`the frame loop reads it scaled down to ${MAX_FRAME_SIDE} px on its longer side, and frees the read`, async () => {
    const before = tf.memory().numTensors;
    const frames: { width: number; height: number; shape: number[] }[] = [];
    const handle = getFrameLoop(huge).add({
      run: (frame: Frame) => {
        frames.push({ width: frame.width, height: frame.height, shape: frame.pixels().shape });
      },
    });
    try {
      await until(() => frames.length >= 2, 20_000, 'two frames');
    } finally {
      handle.remove();
    }
    const size = clamped(huge);
    expect(frames[0]).toEqual({ ...size, shape: [size.height, size.width, 3] });
    await sleep(50);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('usePose finds the person where the original photo has them (normalised keypoints)', async () => {
    const reference = new PoseEngine({ smoothing: false }, onMain);
    let expected: Pose;
    try {
      [expected] = (await reference.estimate(person, 0)).poses;
    } finally {
      reference.dispose();
    }
    let seen: { poses: Pose[]; frameSize: { width: number; height: number } } | null = null;
    function Probe() {
      const [source] = useState<FrameSourceElement>(huge);
      usePose({ source, smoothing: false, onPoses: (poses, result) => (seen ??= { poses, frameSize: result.frameSize }) });
      return null;
    }
    const watch = watchErrors();
    try {
      render(
        <StrictMode>
          <Probe />
        </StrictMode>,
      );
      await until(() => seen !== null, 60_000, 'a pose result');
      expect(watch.errors).toEqual([]);
    } finally {
      watch.stop();
    }
    expect(seen!.frameSize).toEqual(clamped(huge));
    const [pose] = seen!.poses;
    const confident = expected.keypoints.filter((k) => k.score > 0.5);
    expect(confident.length).toBeGreaterThan(8);
    for (const k of confident) {
      const got = pose.keypoints.find((p) => p.name === k.name)!;
      expect(Math.abs(got.nx - k.nx), k.name).toBeLessThan(0.03);
      expect(Math.abs(got.ny - k.ny), k.name).toBeLessThan(0.03);
    }
  });

  it('useFaceInfo and useTrainableClassifier run on it without an error, in the clamped frame', async () => {
    const face = hugeCanvas(await image('/fixtures/face/surprised.jpg'));
    let faces = -1;
    let frameSize: { width: number; height: number } | null = null;
    let predictions = 0;
    function Probe() {
      const [source] = useState<FrameSourceElement>(face);
      const info = useFaceInfo({ source, withAgeAndGender: false, onResult: (r) => (faces = r.faces.length) });
      frameSize = info.frameSize;
      useTrainableClassifier({ source, features: 'image', thumbnailSize: 0, onPrediction: () => predictions++ });
      return null;
    }
    const watch = watchErrors();
    try {
      render(
        <StrictMode>
          <Probe />
        </StrictMode>,
      );
      await until(() => faces >= 0 && predictions > 0 && frameSize !== null, 60_000, 'face and classifier results');
      expect(watch.errors).toEqual([]);
    } finally {
      watch.stop();
    }
    expect(faces).toBe(1);
    expect(frameSize).toEqual(clamped(face));
  });

  it('a direct estimate() by the face and classifier engines reads it clamped too', async () => {
    const face = hugeCanvas(await image('/fixtures/face/surprised.jpg'));
    const faceEngine = new FaceEngine({ withAgeAndGender: false, withExpressions: false }, onMain);
    const classifier = new ClassifierEngine({ features: 'image', thumbnailSize: 0 }, onMain);
    try {
      const result = await faceEngine.estimate(face, 0);
      const size = clamped(face);
      expect([result.width, result.height, result.faces.length]).toEqual([size.width, size.height, 1]);
      expect((await classifier.embed(face))?.length).toBeGreaterThan(0);
      // Models are loaded now: another read of the huge source leaves no tensor behind.
      const before = tf.memory().numTensors;
      await faceEngine.estimate(face, 33);
      await classifier.embed(face);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      faceEngine.dispose();
      classifier.dispose();
    }
  });
});

describe('given a video element that has no frame yet (no src, so no size)', () => {
  it('every widget loads and waits: no inference, no error, then results once the video plays', async () => {
    const video = document.createElement('video');
    video.muted = true;
    video.loop = true;
    document.body.append(video);
    const counts = { pose: 0, face: 0, classifier: 0 };
    let statuses = '';
    function Probe() {
      const [source] = useState<FrameSourceElement>(video);
      const pose = usePose({ source, onPoses: () => counts.pose++ });
      const face = useFaceInfo({ source, withLandmarks: false, withExpressions: false, withAgeAndGender: false, onResult: () => counts.face++ });
      const clf = useTrainableClassifier({ source, features: 'pose', onPrediction: () => counts.classifier++ });
      statuses = [pose.status, face.status, clf.status].join(' ');
      return null;
    }
    const watch = watchErrors();
    try {
      render(
        <StrictMode>
          <Probe />
        </StrictMode>,
      );
      await until(() => statuses === 'ready ready ready', 60_000, 'every model ready');
      await sleep(1_000);
      expect(counts).toEqual({ pose: 0, face: 0, classifier: 0 });
      expect(video.videoWidth).toBe(0);

      video.src = '/fixtures/pose/pose_1.mp4';
      await video.play();
      await until(() => counts.pose > 0 && counts.face > 0 && counts.classifier > 0, 30_000, 'results once playing');
      expect(statuses).toBe('ready ready ready');
      expect(watch.errors).toEqual([]);
    } finally {
      watch.stop();
      video.pause();
      video.remove();
    }
  });
});

describe('given IndexedDB that is full (the save transaction aborts with QuotaExceededError)', () => {
  const put = IDBObjectStore.prototype.put;
  function fillTheDisk() {
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      const tx = this.transaction;
      // What Chromium does when the origin is over its quota: the transaction aborts with this error.
      Object.defineProperty(tx, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
      tx.abort();
      return request;
    };
  }
  afterEach(() => {
    IDBObjectStore.prototype.put = put;
  });

  const meanColour = {
    kind: 'custom' as const,
    id: 'test:mean-colour',
    extract: (frame: Frame) => {
      const mean = tf.tidy(() => tf.mean(tf.cast(frame.pixels(), 'float32'), [0, 1]));
      const out = Float32Array.from(mean.dataSync());
      mean.dispose();
      return out;
    },
  };

  function Trainer({ datasetName, source }: { datasetName: string; source: FrameSourceElement }) {
    const clf = useTrainableClassifier({ source, features: meanColour, datasetName, predict: false, thumbnailSize: 0 });
    return <ClassifierTrainer classifier={clf} initialClasses={['A']} />;
  }

  it('the trainer says the storage is full, keeps the examples in memory, and saves once there is room', async () => {
    const datasetName = `quota-${Math.random().toString(36).slice(2)}`;
    const source = await image('/fixtures/face/surprised.jpg');
    fillTheDisk();
    const view = render(
      <StrictMode>
        <Trainer datasetName={datasetName} source={source} />
      </StrictMode>,
    );
    const add = await screen.findByRole('button', { name: 'Add one example of A' }, { timeout: 30_000 });
    for (let i = 0; i < 3; i++) {
      fireEvent.click(add);
      await waitFor(() => expect(screen.getByLabelText(i === 0 ? '1 example' : `${i + 1} examples`)).toBeInTheDocument());
    }
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/storage is full.*still in memory/), { timeout: 5_000 });
    expect(screen.getByLabelText('3 examples')).toBeInTheDocument();

    IDBObjectStore.prototype.put = put; // room again
    fireEvent.click(add);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), { timeout: 5_000 });
    await waitFor(() => expect(screen.getByText(/· saved/)).toBeInTheDocument(), { timeout: 5_000 });
    view.unmount();

    // A new visit restores all four from IndexedDB.
    render(
      <StrictMode>
        <Trainer datasetName={datasetName} source={source} />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByLabelText('4 examples')).toBeInTheDocument(), { timeout: 10_000 });
  });
});

describe('given a trained classifier and a foreign JSON file picked in the trainer', () => {
  it('shows why the file was refused and keeps every example', async () => {
    const source = await image('/fixtures/face/surprised.jpg');
    function Trainer() {
      const clf = useTrainableClassifier({ source, features: 'image', predict: false, thumbnailSize: 0 });
      return <ClassifierTrainer classifier={clf} initialClasses={['A']} />;
    }
    render(
      <StrictMode>
        <Trainer />
      </StrictMode>,
    );
    const add = await screen.findByRole('button', { name: 'Add one example of A' }, { timeout: 30_000 });
    fireEvent.click(add);
    await waitFor(() => expect(screen.getByLabelText('1 example')).toBeInTheDocument(), { timeout: 10_000 });
    // A real JSON file of another kind: a face-api weights manifest from the models folder.
    const foreign = await (await fetch('/models/face/tiny_face_detector_model-weights_manifest.json')).text();
    const input = screen.getByLabelText('Dataset file to import');
    fireEvent.change(input, { target: { files: [new File([foreign], 'weights_manifest.json', { type: 'application/json' })] } });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/Not a valid dataset file|not a webcam-ml dataset/i));
    expect(screen.getByLabelText('1 example')).toBeInTheDocument();
  });
});
