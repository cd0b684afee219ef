import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoseEngine, type Pose } from '@webcam-ml/core/pose';
import { backendManager, configure } from '@webcam-ml/core/runtime';
import { frameTimestamp, loadVideo, seekFrame } from '../../bench/lib/page';
import { onMain } from './mainThread';

type Expected = Record<string, { x: number; y: number }>[];

// tfjs-models' own video check for MoveNet Lightning (pose-detection/src/movenet/movenet_test.ts):
// every coordinate of all 120 frames within 60 px of the reference, frames 33.333 ms apart.
const EPSILON_PX = 60;

let expected: Expected;
let video: HTMLVideoElement;

beforeAll(async () => {
  expected = (await (await fetch('/fixtures/pose/pose_1.json')).json()) as Expected;
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
});

afterAll(() => {
  video.remove();
  configure({ backend: 'auto' });
});

/** Runs every frame through PoseEngine.estimate and returns the per-coordinate errors. */
async function errorsOn(backend: 'wasm' | 'cpu'): Promise<{ errors: number[]; frames: number }> {
  await backendManager.use(backend);
  // On the main thread, whose backend the test chooses (the page default would be a worker).
  const engine = new PoseEngine({ model: 'lightning' }, onMain);
  const errors: number[] = [];
  let frames = 0;
  try {
    for (let i = 0; i < expected.length; i++) {
      await seekFrame(video, i);
      const { poses }: { poses: Pose[] } = await engine.estimate(video, frameTimestamp(i));
      expect(poses).toHaveLength(1);
      for (const k of poses[0].keypoints) {
        const want = expected[i][k.name];
        errors.push(Math.abs(k.x - want.x), Math.abs(k.y - want.y));
      }
      frames++;
    }
    expect(engine.getSnapshot().backend).toBe(backend);
  } finally {
    engine.dispose();
  }
  return { errors, frames };
}

describe('given MoveNet Lightning on pose_1.mp4 and the reference keypoints from tfjs-models', () => {
  // The cpu backend takes 0.5 to 1.5 s a frame here (two shared cores): allow it the time.
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`keeps every coordinate of the 120 frames within ${EPSILON_PX} px on ${backend}`, async () => {
      const started = performance.now();
      const { errors, frames } = await errorsOn(backend);
      const max = Math.max(...errors);
      const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
      console.log(
        `[pose-accuracy] ${backend}: ${frames} frames, max error ${max.toFixed(1)} px, mean ${mean.toFixed(2)} px, ` +
          `${((performance.now() - started) / frames).toFixed(0)} ms/frame (seek included)`,
      );
      expect(frames).toBe(120);
      expect(errors).toHaveLength(120 * 17 * 2);
      expect(max).toBeLessThan(EPSILON_PX);
    }, 420_000);
  }
});
