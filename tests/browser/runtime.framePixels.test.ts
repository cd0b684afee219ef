import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { PoseEngine } from '@webcam-ml/core/pose';
import { backendManager } from '@webcam-ml/core/runtime';
import { frameSize, readFramePixels } from '../../packages/core/src/runtime/framePixels';

beforeAll(async () => {
  await backendManager.use('wasm');
});

afterEach(() => {
  document.body.replaceChildren();
});

async function image(width?: number): Promise<HTMLImageElement> {
  const img = new Image();
  if (width) {
    img.style.width = `${width}px`;
    document.body.append(img);
  }
  img.src = '/fixtures/pose/three_people.jpg';
  await img.decode();
  return img;
}

describe('given an <img> laid out smaller than its natural size (as in a story or an app)', () => {
  it('reads the frame at its natural size, the size frameSize reports', async () => {
    const shown = await image(320);
    expect(shown.width).toBe(320);
    const pixels = readFramePixels(shown);
    expect(pixels.shape).toEqual([861, 1049, 3]);
    expect(frameSize(shown)).toEqual({ width: 1049, height: 861 });
    const detached = readFramePixels(await image());
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(pixels, detached))).dataSync()[0]);
    expect(diff).toBe(0);
    tf.dispose([pixels, detached]);
  });

  it('gives keypoints in the natural frame: the same as for the image off the page', async () => {
    const engine = new PoseEngine({ model: 'multipose', smoothing: false });
    try {
      const [a] = (await engine.estimate(await image(), 0)).poses;
      const [b] = (await engine.estimate(await image(320), 0)).poses;
      const nose = (p: typeof a) => p.keypoints.find((k) => k.name === 'nose')!;
      expect(Math.abs(nose(a).x - nose(b).x)).toBeLessThan(5);
      expect(Math.abs(nose(a).y - nose(b).y)).toBeLessThan(5);
    } finally {
      engine.dispose();
    }
  });
});
