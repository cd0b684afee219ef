import { StrictMode, useEffect } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import { PoseOverlay, PoseView, usePose } from '@webcam-ml/react/pose';
import { backendManager, configure, modelCache } from '@webcam-ml/core/runtime';
import type { Pose } from '@webcam-ml/core/pose';

type Expected = Record<string, { x: number; y: number }>[];
const poseModels = () => modelCache.inspect().filter((e) => e.key.startsWith('pose:'));

let expected: Expected;
beforeAll(async () => {
  configure({ releaseDelayMs: 50 });
  await backendManager.use('wasm');
  expected = (await (await fetch('/fixtures/pose/pose_1.json')).json()) as Expected;
});

afterEach(async () => {
  cleanup();
  await expect.poll(() => poseModels().length, { timeout: 5_000 }).toBe(0);
});

/** Circles of the overlay, with their display position and the frame timestamp they belong to. */
function readOverlay(host: HTMLElement) {
  const ts = Number(host.querySelector('[data-testid="ts"]')?.textContent);
  const circles = [...host.querySelectorAll<SVGCircleElement>('circle[data-keypoint]')].map((c) => ({
    name: c.dataset.keypoint!,
    x: Number(c.getAttribute('cx')),
    y: Number(c.getAttribute('cy')),
  }));
  return { ts, circles };
}

describe('given <PoseView> on the sample video, mirrored and with object-fit cover', () => {
  // pose_1.mp4 is 576×576 in a 300×400 box: cover scales by 400/576 and crops 50 px each side.
  const scale = 400 / 576;
  const offsetX = (300 - 576 * scale) / 2;
  const TOLERANCE = 40 * scale; // 40 source px: the reference allows 60, we measure ~3 on average

  it('draws the keypoints where the mirrored picture shows them', async () => {
    const { container } = render(
      <StrictMode>
        <PoseView src="/fixtures/pose/pose_1.mp4" mirrored objectFit="cover" style={{ width: 300, height: 400 }}>
          {(pose) => (
            <span data-testid="ts" hidden>
              {pose.timestamp}
            </span>
          )}
        </PoseView>
      </StrictMode>,
    );
    await screen.findByText('Tracking 1 person', {}, { timeout: 60_000 });
    await expect.poll(() => readOverlay(container).circles.length, { timeout: 10_000 }).toBeGreaterThan(10);
    // StrictMode's double mount took one share of one model.
    expect(poseModels()).toEqual([expect.objectContaining({ references: 1, status: 'ready' })]);

    const { ts, circles } = readOverlay(container);
    const frame = expected[Math.min(119, Math.round(ts / (1000 / 30)))];
    // The keypoint furthest from the middle: mirroring moves it the most.
    const far = circles.reduce((a, b) => (Math.abs(frame[b.name].x - 288) > Math.abs(frame[a.name].x - 288) ? b : a));
    const ref = frame[far.name];
    const mirroredX = 300 - (offsetX + ref.x * scale);
    const unmirroredX = offsetX + ref.x * scale;
    expect(Math.abs(mirroredX - unmirroredX)).toBeGreaterThan(2 * TOLERANCE);
    expect(Math.abs(far.x - mirroredX)).toBeLessThan(TOLERANCE);
    expect(Math.abs(far.y - ref.y * scale)).toBeLessThan(TOLERANCE);
  });

  it('says the model is loading, then how many people it tracks', async () => {
    render(
      <StrictMode>
        <PoseView src="/fixtures/pose/pose_1.mp4" model="thunder" style={{ width: 300, height: 300 }} />
      </StrictMode>,
    );
    await screen.findByText(/Loading the pose model/);
    await screen.findByText('Tracking 1 person', {}, { timeout: 60_000 });
    expect(document.querySelector('[data-webcam-ml="pose-view"]')?.getAttribute('data-pose-status')).toBe('ready');
  });
});

describe('given a letterboxed unmirrored image (object-fit contain)', () => {
  it('places a keypoint inside the picture, offset by the letterbox', async () => {
    const pose: Pose = {
      score: 0.9,
      keypoints: [{ name: 'left_wrist', x: 600, y: 120, nx: 600 / 640, ny: 120 / 480, score: 0.9 }],
    };
    const { container } = render(
      <StrictMode>
        <div style={{ position: 'relative', width: 320, height: 320 }}>
          <PoseOverlay poses={[pose]} frameSize={{ width: 640, height: 480 }} objectFit="contain" />
        </div>
      </StrictMode>,
    );
    await expect.poll(() => container.querySelectorAll('circle').length).toBe(1);
    const c = container.querySelector('circle')!;
    // contain: scale 0.5, picture 320×240 starting 40 px down.
    expect(Number(c.getAttribute('cx'))).toBeCloseTo(300, 5);
    expect(Number(c.getAttribute('cy'))).toBeCloseTo(40 + 60, 5);
  });
});

function Tracker({ onPoses }: { onPoses: (poses: Pose[]) => void }) {
  const pose = usePose({ source: null, model: 'blazepose-lite', onPoses });
  useEffect(() => {
    void pose.engine;
  }, [pose.engine]);
  return <p>{pose.status}</p>;
}

describe('given a component unmounted while its model is loading', () => {
  it('raises no error and leaves no model and no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    const onRejection = (e: PromiseRejectionEvent) => errors.push(e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const view = render(
      <StrictMode>
        <Tracker onPoses={() => {}} />
      </StrictMode>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    view.unmount();
    await expect.poll(() => poseModels().length, { timeout: 10_000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    expect(errors).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('given keypoints of mixed confidence (as MultiPose scores three_people.jpg)', () => {
  const kp = (name: Pose['keypoints'][number]['name'], x: number, y: number, score: number) => ({ name, x, y, nx: x / 640, ny: y / 480, score });
  const pose: Pose = {
    score: 0.5,
    keypoints: [
      kp('left_shoulder', 300, 200, 0.9),
      kp('left_elbow', 400, 200, 0.35), // a joint placed with doubt: a dot, no line
      kp('left_wrist', 420, 120, 0.9),
      kp('right_shoulder', 200, 200, 0.85),
      kp('right_elbow', 180, 300, 0.78),
      kp('left_hip', 300, 400, 0.64),
      kp('left_knee', 310, 470, 0.2), // below the frame's edge: neither dot nor line
    ],
  };

  function drawnBy(props: Partial<Parameters<typeof PoseOverlay>[0]> = {}) {
    const { container } = render(
      <StrictMode>
        <div style={{ position: 'relative', width: 640, height: 480 }}>
          <PoseOverlay poses={[pose]} frameSize={{ width: 640, height: 480 }} {...props} />
        </div>
      </StrictMode>,
    );
    return {
      points: () => [...container.querySelectorAll('circle[data-keypoint]')].map((c) => c.getAttribute('data-keypoint')).sort(),
      bones: () => [...container.querySelectorAll('line[data-bone]')].map((l) => l.getAttribute('data-bone')).sort(),
    };
  }

  it('draws keypoints from 0.3 and bones only between keypoints from 0.4', async () => {
    const { points, bones } = drawnBy();
    await expect.poll(() => points().length).toBe(6);
    expect(points()).toEqual(['left_elbow', 'left_hip', 'left_shoulder', 'left_wrist', 'right_elbow', 'right_shoulder']);
    expect(bones()).toEqual(['left_shoulder-left_hip', 'left_shoulder-right_shoulder', 'right_shoulder-right_elbow']);
  });

  it('draws the doubtful bones too when limbMinScore is lowered to minScore', async () => {
    const { bones } = drawnBy({ limbMinScore: 0.3 });
    await expect.poll(() => bones().length).toBe(5);
    expect(bones()).toEqual(['left_elbow-left_wrist', 'left_shoulder-left_elbow', 'left_shoulder-left_hip', 'left_shoulder-right_shoulder', 'right_shoulder-right_elbow']);
  });
});
