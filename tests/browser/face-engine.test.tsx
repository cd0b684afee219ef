import { StrictMode, useEffect } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { onMain, render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { backendManager, configure, getFrameLoop, modelCache } from '@webcam-ml/core/runtime';
import { useWebcam } from '@webcam-ml/react/webcam';
import { FaceEngine, FaceError, FaceMatcher, type FaceResult } from '@webcam-ml/core/face';
import { PoseEngine } from '@webcam-ml/core/pose';
import { useFaceInfo, FaceInfoCard, ExpressionMeter } from '@webcam-ml/react/face';
import { countRequests, sleep, until } from './runtime.helpers';

async function image(name: string, dir = 'face'): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = `/fixtures/${dir}/${name}`;
  await img.decode();
  return img;
}

const faceModels = () => modelCache.inspect().filter((e) => e.key.startsWith('face-api:'));

beforeAll(async () => {
  configure({ releaseDelayMs: 200 });
  await backendManager.use('wasm');
});

afterEach(async () => {
  cleanup();
  await sleep(300);
});

afterAll(() => {
  configure({ backend: 'auto', releaseDelayMs: 1000 });
});

describe('given a face engine running 300 frames', () => {
  // Frames with a face moving across a canvas (two people taking turns), so every net runs.
  async function movingFaces(): Promise<(i: number) => HTMLCanvasElement> {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext('2d')!;
    const people = [await image('surprised.jpg'), await image('angry.jpg')];
    return (i) => {
      ctx.fillStyle = '#777';
      ctx.fillRect(0, 0, 640, 480);
      const person = people[Math.floor(i / 10) % 2];
      ctx.drawImage(person, 100 + (i % 10) * 6, 60, 300, 300 * (person.naturalHeight / person.naturalWidth));
      return canvas;
    };
  }

  async function tensorsAfter(engine: FaceEngine, frames: number): Promise<{ baseline: number; after: number; faces: number }> {
    const frame = await movingFaces();
    await engine.ready();
    await engine.estimate(frame(0), 0);
    const baseline = tf.memory().numTensors;
    let faces = 0;
    for (let i = 1; i <= frames; i++) faces += (await engine.estimate(frame(i), i * 33.3)).faces.length;
    return { baseline, after: tf.memory().numTensors, faces };
  }

  it('leaves the number of tensors where it was after loading', async () => {
    const engine = new FaceEngine(undefined, onMain);
    try {
      const { baseline, after, faces } = await tensorsAfter(engine, 300);
      expect(faces).toBeGreaterThan(250);
      expect(after).toBe(baseline);
    } finally {
      engine.dispose();
    }
  });

  it('leaks nothing either when it computes descriptors', async () => {
    const engine = new FaceEngine({ withDescriptors: true, withLandmarks: 'tiny' }, onMain);
    try {
      const { baseline, after, faces } = await tensorsAfter(engine, 30);
      expect(faces).toBeGreaterThan(25);
      expect(after).toBe(baseline);
    } finally {
      engine.dispose();
    }
  });

  it('frees every model tensor once the last engine let go', async () => {
    await until(() => faceModels().length === 0, 5000, 'face models released');
    const before = tf.memory().numTensors;
    const engine = new FaceEngine(undefined, onMain);
    await engine.ready();
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    engine.dispose();
    await until(() => faceModels().length === 0, 5000, 'face models released');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('given pose and face engines on the same page', () => {
  it('runs both on one TF.js instance', async () => {
    const img = await image('portrait.jpg');
    const face = new FaceEngine(undefined, onMain);
    const pose = new PoseEngine({ model: 'lightning' }, onMain);
    try {
      const [faces, { poses }] = await Promise.all([face.estimate(img, 0), pose.estimate(img, 0)]);
      expect(faces.faces.length).toBe(1);
      expect(poses.length).toBe(1);
      // face-api's no-bundle build re-exports the TF.js it runs on: it must be ours.
      const theirs = (faceapi as unknown as { tf: typeof tf }).tf;
      expect(theirs.engine()).toBe(tf.engine());
      expect(theirs.Tensor).toBe(tf.Tensor);
      expect(theirs.version_core).toBe(tf.version_core);
      expect(tf.getBackend()).toBe('wasm');
      expect(face.getSnapshot().backend).toBe('wasm');
    } finally {
      face.dispose();
      pose.dispose();
    }
  });
});

describe('given options that need other models', () => {
  it('swaps the leases: the old detector is released, the new one loaded', async () => {
    const engine = new FaceEngine({ withLandmarks: false, withExpressions: false, withAgeAndGender: false }, onMain);
    try {
      await engine.ready();
      expect(faceModels().map((m) => m.key.split(' ')[0])).toEqual(['face-api:tinyFaceDetector']);
      // Options are a full replace: the three left-out nets stay off only because they are given.
      engine.setOptions({ detector: 'ssd', withLandmarks: false, withExpressions: false, withAgeAndGender: false });
      await engine.ready();
      await until(() => !faceModels().some((m) => m.key.startsWith('face-api:tinyFaceDetector')), 3000, 'tiny released');
      expect(faceModels().map((m) => m.key.split(' ')[0])).toEqual(['face-api:ssdMobilenetv1']);
      const { faces } = await engine.estimate(await image('faces.jpg'), 0);
      expect(faces.length).toBe(6);
    } finally {
      engine.dispose();
    }
  });

  it('rejects an invalid option with a typed error and keeps the old ones', () => {
    const engine = new FaceEngine(undefined, onMain);
    expect(() => engine.setOptions({ inputSize: 333 })).toThrow(FaceError);
    expect(engine.getOptions().inputSize).toBe(224);
  });
});

function FaceStatus({ src }: { src: HTMLImageElement }) {
  const face = useFaceInfo({ source: src, inputSize: 416 });
  return (
    <div>
      <output aria-label="status">{face.status}</output>
      <output aria-label="count">{face.faces.length}</output>
      <FaceInfoCard face={face.faces[0]} />
      <ExpressionMeter face={face.faces[0]} />
    </div>
  );
}

describe('given useFaceInfo on an image under StrictMode', () => {
  it('finds the face, shows its card and downloads each weight file once', async () => {
    await until(() => faceModels().length === 0, 5000, 'face models released');
    const requests = countRequests();
    try {
      const img = await image('surprised.jpg');
      render(
        <StrictMode>
          <FaceStatus src={img} />
        </StrictMode>,
      );
      await until(() => screen.getByLabelText('count').textContent === '1', 30_000, 'a face');
      expect(screen.getByLabelText('status').textContent).toBe('ready');
      expect(screen.getByRole('meter', { name: 'surprised' }).getAttribute('aria-valuetext')).toMatch(/%$/);
      expect(document.querySelector('[data-webcam-ml="expression-meter"] [role="status"]')?.textContent).toBe('surprised');
      expect(screen.getByText(/Apparent age/)).toBeTruthy();
      const counts = requests.counts();
      const faceFiles = [...counts].filter(([url]) => url.startsWith('/models/face/'));
      expect(faceFiles.length).toBe(8); // 4 nets: manifest + shard each
      expect(faceFiles.every(([, n]) => n === 1)).toBe(true);
    } finally {
      requests.restore();
    }
  });

  it('releases its models when unmounted during the load', async () => {
    await until(() => faceModels().length === 0, 5000, 'face models released');
    const before = tf.memory().numTensors;
    const img = await image('surprised.jpg');
    const { unmount } = render(
      <StrictMode>
        <FaceStatus src={img} />
      </StrictMode>,
    );
    expect(screen.getByLabelText('status').textContent).toBe('loading');
    unmount();
    await until(() => faceModels().length === 0, 5000, 'face models released');
    await sleep(500); // a load that was not aborted would create its tensors now
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('given per-frame listeners', () => {
  it('hands every estimated frame to subscribeResults listeners', async () => {
    const engine = new FaceEngine({ inputSize: 416, withLandmarks: false, withExpressions: false, withAgeAndGender: false }, onMain);
    const seen: FaceResult[] = [];
    const stop = engine.subscribeResults((r) => seen.push(r));
    try {
      const img = await image('faces.jpg');
      await engine.estimate(img, 0);
      await engine.estimate(img, 33);
      expect(seen.map((r) => r.faces.length)).toEqual([6, 6]);
      expect(seen[1].faces.map((f) => f.id).sort()).toEqual(seen[0].faces.map((f) => f.id).sort());
      expect(seen[0]).toMatchObject({ width: img.naturalWidth, height: img.naturalHeight });
    } finally {
      stop();
      engine.dispose();
    }
  });
});

describe('given a matcher with a person registered from an image', () => {
  it('recognises the same person in another photo and nobody in a stranger', async () => {
    const matcher = new FaceMatcher();
    await matcher.addFromImage('angry person', await image('angry.jpg'));
    const engine = new FaceEngine({ withDescriptors: true, inputSize: 416, smoothing: 0 }, onMain);
    try {
      const same = (await engine.estimate(await image('angry_cropped.jpg'), 0)).faces;
      const other = (await engine.estimate(await image('surprised.jpg'), 1000)).faces;
      expect(matcher.match(same[0].descriptor!).label).toBe('angry person');
      expect(matcher.match(other[0].descriptor!).label).toBeNull();
    } finally {
      engine.dispose();
    }
  });

  it('refuses an image without a face', async () => {
    const matcher = new FaceMatcher();
    await expect(matcher.addFromImage('nobody', await image('white.png'))).rejects.toThrow(/no face found/);
    expect(matcher.getSnapshot().faces).toEqual([]);
  });
});

let cameraVideo: HTMLVideoElement | null = null;

function LiveFaces() {
  const cam = useWebcam();
  useEffect(() => {
    cameraVideo = cam.video;
  });
  // The fake camera shows a whole person: SSD finds the small face the tiny detector misses.
  const face = useFaceInfo({ source: cam.video, detector: 'ssd', withLandmarks: 'tiny', withAgeAndGender: false });
  return (
    <div>
      <video {...cam.videoProps} />
      <output aria-label="count">{face.faces.length}</output>
      <output aria-label="fps">{face.fps}</output>
    </div>
  );
}

describe('given useFaceInfo on the (fake) camera under StrictMode', () => {
  it('finds the face frame after frame on the frame loop and leaves the loop when unmounted', async () => {
    const { unmount } = render(
      <StrictMode>
        <LiveFaces />
      </StrictMode>,
    );
    await until(() => screen.getByLabelText('count').textContent === '1', 90_000, 'a face from the camera');
    await until(() => Number(screen.getByLabelText('fps').textContent) > 0, 30_000, 'a frame rate');
    const video = cameraVideo!;
    expect(getFrameLoop(video).size).toBe(1);
    unmount();
    expect(getFrameLoop(video).size).toBe(0);
  });
});
