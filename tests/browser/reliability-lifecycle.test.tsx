import { StrictMode, useEffect, useRef, type ComponentType, type ReactElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import { backendManager, configure, type FrameSourceElement } from '@webcam-ml/core/runtime';
import { useWebcam, Webcam } from '@webcam-ml/react/webcam';
import { usePose } from '@webcam-ml/react/pose';
import { useFaceInfo } from '@webcam-ml/react/face';
import { useTrainableClassifier } from '@webcam-ml/react/classifier';
import { liveModels, trackStreams, watchErrors } from './reliability.helpers';
import { sleep, until } from './runtime.helpers';

const RELEASE_DELAY_MS = 300;
let streams: ReturnType<typeof trackStreams>;

beforeAll(async () => {
  configure({ releaseDelayMs: RELEASE_DELAY_MS });
  await backendManager.use('wasm');
  streams = trackStreams();
});

afterEach(async () => {
  cleanup();
  await until(() => liveModels().length === 0 && streams.liveTracks() === 0, 5_000, 'models and tracks released');
});

afterAll(() => {
  streams.restore();
  configure({ releaseDelayMs: 1000 });
});

interface ProbeProps {
  /** Called once per result the widget delivers (per frame for models; once live for the camera). */
  onResult: () => void;
}

/** What every probe shows: its model status, and 'live' once the camera has a frame. */
function Status({ model, camera }: { model: string; camera: string }) {
  return <output data-testid="probe" data-model={model} data-camera={camera} />;
}

function useCamera(): { video: FrameSourceElement | null; status: string; element: ReactElement } {
  const cam = useWebcam();
  return { video: cam.video, status: cam.status, element: <video {...cam.videoProps} /> };
}

function WebcamProbe({ onResult }: ProbeProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const group = host.current!.querySelector<HTMLElement>('[role="group"]')!;
    const seen = new MutationObserver(() => group.dataset.status === 'live' && onResult());
    seen.observe(group, { attributes: true, attributeFilter: ['data-status'] });
    return () => seen.disconnect();
  }, [onResult]);
  return (
    <div ref={host}>
      <Webcam />
    </div>
  );
}

function PoseProbe({ onResult }: ProbeProps) {
  const cam = useCamera();
  const pose = usePose({ source: cam.video, onPoses: onResult });
  return (
    <>
      {cam.element}
      <Status model={pose.status} camera={cam.status} />
    </>
  );
}

function FaceProbe({ onResult }: ProbeProps) {
  const cam = useCamera();
  // The cheapest settings: the tiny detector at its smallest input, no extra nets.
  const face = useFaceInfo({ source: cam.video, inputSize: 128, withLandmarks: false, withExpressions: false, withAgeAndGender: false, onResult });
  return (
    <>
      {cam.element}
      <Status model={face.status} camera={cam.status} />
    </>
  );
}

function ClassifierProbe({ onResult }: ProbeProps) {
  const cam = useCamera();
  const clf = useTrainableClassifier({ source: cam.video, features: 'image', thumbnailSize: 0, onPrediction: onResult });
  return (
    <>
      {cam.element}
      <Status model={clf.status} camera={cam.status} />
    </>
  );
}

/** Each widget, and how many models it loads (MoveNet; the tiny face detector alone; MobileNetV2). */
const WIDGETS: [name: string, Probe: ComponentType<ProbeProps>, models: number][] = [
  ['<Webcam>', WebcamProbe, 0],
  ['usePose', PoseProbe, 1],
  ['useFaceInfo', FaceProbe, 1],
  ['useTrainableClassifier', ClassifierProbe, 1],
];

function mount(Probe: ComponentType<ProbeProps>, onResult: () => void) {
  return render(
    <StrictMode>
      <Probe onResult={onResult} />
    </StrictMode>,
  );
}

describe.each(WIDGETS)('given %s unmounted while its camera and model are still loading', (_name, Probe) => {
  it.each([0, 60, 250])('after %i ms: no error, no rejection, no model, no track and no tensor left', async (delay) => {
    const before = tf.memory().numTensors;
    const watch = watchErrors();
    try {
      const view = mount(Probe, () => {});
      await sleep(delay);
      view.unmount();
      await until(() => liveModels().length === 0, RELEASE_DELAY_MS + 2_000, 'the models released');
      await until(() => streams.liveTracks() === 0, 1_000, 'the tracks stopped');
      await sleep(500); // a load or a frame that was not cancelled would show up now
      expect(watch.errors).toEqual([]);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      watch.stop();
    }
  });
});

describe.each(WIDGETS)('given %s mounted and unmounted 50 times', (_name, Probe, models) => {
  it('every cycle gets a result, and tensors, tracks and model instances end where they started', async () => {
    const before = tf.memory().numTensors;
    const watch = watchErrors();
    const gumBefore = streams.calls;
    const tensorsAfterCycle: number[] = [];
    let mostModels = 0;
    try {
      for (let cycle = 0; cycle < 50; cycle++) {
        let results = 0;
        const view = mount(Probe, () => results++);
        await until(() => results > 0, 60_000, `a result in cycle ${cycle}`);
        mostModels = Math.max(mostModels, liveModels().length);
        view.unmount();
        // Nobody holds a model now; the cache keeps it for the release delay, for a quick return.
        expect(liveModels().filter((m) => m.references > 0)).toEqual([]);
        await sleep(20); // a frame in flight at unmount finishes and frees its pixels
        tensorsAfterCycle.push(tf.memory().numTensors);
      }
      // Once loaded, a cycle costs no tensor: the count after the last equals the one after the first.
      expect(tensorsAfterCycle[49]).toBe(tensorsAfterCycle[0]);
      // One instance of each model for all 50 mounts (and StrictMode's double mount in each).
      expect(mostModels).toBe(models);
      await until(() => liveModels().length === 0, RELEASE_DELAY_MS + 2_000, 'the models released');
      await until(() => streams.liveTracks() === 0, 1_000, 'the tracks stopped');
      expect(tf.memory().numTensors).toBe(before);
      expect(watch.errors).toEqual([]);
      // StrictMode's double mount shares one request per cycle, at most.
      expect(streams.calls - gumBefore).toBeLessThanOrEqual(50);
    } finally {
      watch.stop();
    }
  });
});
