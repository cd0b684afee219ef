import { describe, expect, it } from 'vitest';
import { HandsEngine } from '@webcam-ml/core/hands';
import { createRuntime } from '@webcam-ml/core/runtime';
import { loadImage } from '../../bench/lib/page';

describe('given the hands task in the worker (it joined with its worker kind and one registry line)', () => {
  it('finds the same hands at the same places as on the main thread', async () => {
    const image = await loadImage('/fixtures/hands/hands.jpg');
    const inWorker = new HandsEngine({}, createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 100 }));
    const onMain = new HandsEngine({}, createRuntime({ executor: 'main', backend: 'wasm', releaseDelayMs: 100 }));
    try {
      const remote = await inWorker.estimate(image);
      expect(inWorker.getSnapshot().executor).toBe('worker');
      const local = await onMain.estimate(image);
      expect(remote.hands.length).toBeGreaterThan(0);
      expect(remote.hands.length).toBe(local.hands.length);
      remote.hands.forEach((hand, i) => {
        expect(hand.handedness).toBe(local.hands[i].handedness);
        hand.keypoints.forEach((k, j) => {
          // Same models, backend and pixels: the landmarks agree to within a few source pixels.
          expect(Math.abs(k.x - local.hands[i].keypoints[j].x)).toBeLessThan(3);
          expect(Math.abs(k.y - local.hands[i].keypoints[j].y)).toBeLessThan(3);
        });
      });
    } finally {
      inWorker.dispose();
      onMain.dispose();
      image.remove();
    }
  });
});
