import { describe, expect, it } from 'vitest';
import { HandsEngine } from '@webcam-ml/core/hands';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadImage } from '../../bench/lib/page';

describe('given hands.jpg (720×382) laid out at 360 px wide, as a page shows a photo', () => {
  it('reads the image at its own size: keypoints in source pixels, where upstream has them', async () => {
    await backendManager.use('wasm');
    const expected = (await (await fetch('/fixtures/hands/expected.json')).json())['hands.jpg'].keypoints as [number, number][][];
    const image = await loadImage('/fixtures/hands/hands.jpg');
    image.style.width = '360px';
    const engine = new HandsEngine();
    // Was: tf.browser.fromPixels read the <img> at 360×191, so every keypoint came out at half its place.
    const { hands, frameSize } = await engine.estimate(image);
    engine.dispose();
    image.remove();
    expect(frameSize).toEqual({ width: 720, height: 382 });
    expect(hands).toHaveLength(2);
    for (const ref of expected) {
      const wrist = Math.min(...hands.map((h) => Math.hypot(h.keypoints[0].x - ref[0][0], h.keypoints[0].y - ref[0][1])));
      expect(wrist).toBeLessThan(15);
    }
  });
});
