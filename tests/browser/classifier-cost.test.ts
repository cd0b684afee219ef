// What the generalising defaults cost per classify(): the defaults against the classifier as it
// was (input 'raw', metric 'cosine', no augmentation), and against the defaults before the grid
// pooling and the 'invariant' metric (pooling 'average', metric 'centred'), alternating on the
// same frames in one run.
// Logged for docs/benchmarks.md; the test checks only that both classify every frame.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadVideo, seekFrame } from '../../bench/lib/page';
import { median, mountClassifier, runSplit } from '../../bench/pages/classifier.split';

let video: HTMLVideoElement;

beforeAll(async () => {
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
  await backendManager.use('wasm');
});

afterAll(() => video.remove());

describe('given the defaults and the previous settings trained on the same frames', () => {
  it('both classify every test frame; the time per classify() is logged as a ratio', async () => {
    const now = await mountClassifier(video, { features: 'image', predict: false, thumbnailSize: 0, minExamples: 1 });
    const before = await mountClassifier(video, { features: { kind: 'image', input: 'raw' }, metric: 'cosine', augment: false, predict: false, thumbnailSize: 0, minExamples: 1 });
    const average = await mountClassifier(video, { features: { kind: 'image', pooling: 'average' }, metric: 'centred', predict: false, thumbnailSize: 0, minExamples: 1 });
    const mounted = { now, before, average };
    try {
      const classes = [{ label: 'A', from: 0, to: 11 }, { label: 'B', from: 60, to: 71 }];
      for (const clf of Object.values(mounted)) await runSplit(video, clf.current, classes, 3);
      const times = { now: [] as number[], before: [] as number[], average: [] as number[] };
      const sides = ['now', 'before', 'average'] as const;
      let labelled = 0;
      for (const [i, frame] of [13, 20, 25, 28, 65, 70, 75, 80, 85, 89].entries()) {
        await seekFrame(video, frame);
        for (let r = 0; r < 3; r++) {
          // Each side first, second and third in turn.
          for (let j = 0; j < sides.length; j++) {
            const side = sides[(i + r + j) % sides.length];
            const started = performance.now();
            const prediction = await mounted[side].current().classify();
            times[side].push(performance.now() - started);
            if (prediction.label !== 'unknown') labelled++;
          }
        }
      }
      const ms = (side: keyof typeof times) => median(times[side]).toFixed(1);
      console.log(
        `[classifier-cost] classify() median ms: defaults ${ms('now')}, previous ${ms('before')}, ratio ${(median(times.now) / median(times.before)).toFixed(3)}; ` +
          `average pooling + centred ${ms('average')}, ratio ${(median(times.now) / median(times.average)).toFixed(3)} (${times.now.length} each, alternating)`,
      );
      expect(labelled).toBe(90);
    } finally {
      for (const clf of Object.values(mounted)) clf.unmount();
    }
  });
});
