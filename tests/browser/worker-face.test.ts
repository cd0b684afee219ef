import { describe, expect, it } from 'vitest';
import { FaceEngine } from '@webcam-ml/core/face';
import { createRuntime } from '@webcam-ml/core/runtime';
import { loadImage } from '../../bench/lib/page';

describe('given face-api in the worker (tiny detector, landmarks, expressions, age and gender)', () => {
  it('finds the same faces at the same places as on the main thread', async () => {
    const image = await loadImage('/fixtures/face/faces.jpg');
    const options = { withLandmarks: 'tiny', withExpressions: true, withAgeAndGender: true } as const;
    const inWorker = new FaceEngine(options, createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 100 }));
    const onMain = new FaceEngine(options, createRuntime({ executor: 'main', backend: 'wasm', releaseDelayMs: 100 }));
    try {
      const remote = await inWorker.estimate(image, 0);
      expect(inWorker.getSnapshot().executor).toBe('worker');
      const local = await onMain.estimate(image, 0);
      expect(remote.faces.length).toBeGreaterThan(2);
      expect(remote.faces.length).toBe(local.faces.length);
      expect(remote.frameSize).toEqual({ width: image.naturalWidth, height: image.naturalHeight });
      const byX = <T extends { box: { x: number } }>(faces: readonly T[]) => [...faces].sort((a, b) => a.box.x - b.box.x);
      const [r, l] = [byX(remote.faces), byX(local.faces)];
      r.forEach((face, i) => {
        // Same model, same backend, same pixels: the boxes agree to within a few source pixels.
        expect(Math.abs(face.box.x - l[i].box.x)).toBeLessThan(3);
        expect(Math.abs(face.box.y - l[i].box.y)).toBeLessThan(3);
        expect(face.expressions).toBeTruthy();
        expect(face.age).toBeGreaterThan(0);
      });
    } finally {
      inWorker.dispose();
      onMain.dispose();
      image.remove();
    }
  });
});
