import { beforeAll, describe, expect, it } from 'vitest';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { SegmentationEngine, maskIoU, meanAbsDifference } from '@webcam-ml/core/segmentation';
import { backendManager, resolveModelUrl } from '@webcam-ml/core/runtime';
import { loadImage, loadVideo, seekFrame } from '../../bench/lib/page';
import { bareSelfieMask as bareMask, expectedMask, maskAt } from '../../bench/lib/segmentationMasks';

beforeAll(async () => {
  await backendManager.use('wasm');
});

describe('given portrait.jpg and upstream expected person mask (tfjs-models body-segmentation)', () => {
  it('thresholded at 0.5 the mask has IoU >= 0.98 with the expected mask (0.9855 measured on wasm)', async () => {
    const image = await loadImage('/fixtures/segmentation/portrait.jpg');
    const engine = new SegmentationEngine({ smoothing: 0 });
    const { mask, frameSize } = await engine.estimate(image);
    engine.dispose();
    const expected = await expectedMask('/fixtures/segmentation/portrait_segmentation.png');
    expect(frameSize).toEqual({ width: image.naturalWidth, height: image.naturalHeight });
    image.remove();
    expect([mask.width, mask.height]).toEqual([256, 256]);
    const iou = maskIoU(maskAt(mask, expected.width, expected.height), expected.data, 0.5, 0.5);
    console.log(`[segmentation] portrait IoU at 0.5: ${iou.toFixed(4)} (upstream asks 0.98 of MediaPipe's own runtime)`);
    expect(iou).toBeGreaterThanOrEqual(0.98);
  });
});

describe('given the same frames fed to SegmentationEngine and to the bare graph model', () => {
  it('gives a mean absolute mask difference <= 0.01 on the portrait and 30 frames of pose_1.mp4', async () => {
    const graph = await loadGraphModel(resolveModelUrl('segmentation/selfie.json'));
    const engine = new SegmentationEngine({ smoothing: 0 });
    const diffs: number[] = [];
    const image = await loadImage('/fixtures/segmentation/portrait.jpg');
    diffs.push(meanAbsDifference((await engine.estimate(image)).mask.data, await bareMask(graph, image)));
    image.remove();
    const video = await loadVideo('/fixtures/pose/pose_1.mp4');
    for (let i = 0; i < 120; i += 4) {
      await seekFrame(video, i);
      const ours = (await engine.estimate(video)).mask;
      diffs.push(meanAbsDifference(ours.data, await bareMask(graph, video)));
    }
    // Timing, alternating so neither side benefits from a warmer cache.
    const times = { hook: [] as number[], bare: [] as number[] };
    for (let i = 0; i < 20; i++) {
      let t = performance.now();
      await engine.estimate(video);
      times.hook.push(performance.now() - t);
      t = performance.now();
      await bareMask(graph, video);
      times.bare.push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `[segmentation] parity: max mean abs diff ${Math.max(...diffs).toExponential(2)} over ${diffs.length} frames; wasm ms/frame hook ${median(times.hook).toFixed(1)}, bare ${median(times.bare).toFixed(1)}`,
    );
    engine.dispose();
    graph.dispose();
    video.remove();
    expect(Math.max(...diffs)).toBeLessThanOrEqual(0.01);
  });
});
