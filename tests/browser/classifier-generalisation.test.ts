// Honest accuracy: train on original frames, test on frames altered at test time (light, a small
// shift or zoom, sensor noise; bench/pages/classifier.alter.ts), and on later frames than those
// trained (temporal split: bench:classifier --test-from). The interleaved split of
// classifier-accuracy.test.ts is the "lookup" figure. docs/benchmarks.md has the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadImage, loadVideo } from '../../bench/lib/page';
import { mountClassifier, trainAndTest, videoSplit, type SplitItem, type SplitResult } from '../../bench/pages/classifier.split';
import { ALTERATIONS } from '../../bench/pages/classifier.alter';
import { imageSplit } from '../../bench/pages/classifier.fixtures';
import type { UseTrainableClassifierOptions } from '@webcam-ml/react/classifier';

const CLASSES = [
  { label: 'A', from: 0, to: 29 },
  { label: 'B', from: 60, to: 89 },
];

let video: HTMLVideoElement;
let faces: { label: string; images: HTMLImageElement[] }[];
const table: string[] = [];

beforeAll(async () => {
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
  faces = [
    { label: 'angry', images: [await loadImage('/fixtures/face/angry.jpg'), await loadImage('/fixtures/face/angry_cropped.jpg')] },
    { label: 'surprised', images: [await loadImage('/fixtures/face/surprised.jpg'), await loadImage('/fixtures/face/surprised_cropped.jpg')] },
  ];
  await backendManager.use('wasm');
});

afterAll(() => {
  console.log(`[classifier-generalisation]\n${table.join('\n')}`);
  video.remove();
});

/** Train and test through the hook with the default options (but `options`), and log one row. */
async function measure(name: string, options: UseTrainableClassifierOptions, split: { train: SplitItem[]; test: SplitItem[] }): Promise<SplitResult> {
  const clf = await mountClassifier(video, { predict: false, thumbnailSize: 0, ...options });
  try {
    const result = await trainAndTest(clf.current, split.train, split.test);
    const features = typeof options.features === 'object' ? JSON.stringify(options.features) : options.features;
    table.push(
      `| ${name} | ${features} | ${options.head ?? 'knn'} | ${(result.accuracy * 100).toFixed(1)}% | ${result.nTrain} / ${result.nTest} | ` +
        `${result.msPerFrame.embed.toFixed(0)} | ${result.trainingMs.addExamples.toFixed(0)} + ${result.trainingMs.train.toFixed(0)} |`,
    );
    return result;
  } finally {
    clf.unmount();
  }
}

describe('given pose_1.mp4 frames 0-29 and 60-89 as two classes, every 3rd frame trains, the others are altered', () => {
  const split = () => videoSplit(video, CLASSES, { trainEvery: 3, alterations: ALTERATIONS });

  // Issue 17's target here is 90%. Measured 93.1% (149/160) with the 2×2 grid pooling and the
  // 'invariant' metric; 73.8% before them, 61% before the augmentation's zoom went from 0.1 to 0.15
  // (docs/benchmarks.md). The bound is what the defaults reach, less one frame.
  it("'image' features with the defaults classify at least 92.5% of the altered frames right", async () => {
    const result = await measure('pose_1 robustness', { features: 'image' }, split());
    expect(result.nTest).toBe(40 * ALTERATIONS.length);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.925);
  });

  it("'pose' features classify at least 95% of them right", async () => {
    const result = await measure('pose_1 robustness', { features: 'pose' }, split());
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('given the angry and surprised face photos as two classes, trained on the originals, tested altered', () => {
  // Two originals per class (the photo and its crop): minExamples 1 so both classes vote.
  it("'image' features classify at least 90% of the altered photos right", async () => {
    const result = await measure('faces robustness', { features: 'image', minExamples: 1 }, imageSplit(faces));
    expect(result.nTest).toBe(4 * ALTERATIONS.length);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  // Issue 17's target is 95%, so all 16 (15 of 16 was 93.8%: the face of angry_cropped.jpg at
  // contrast 0.65 was not detected at the face engine's score threshold).
  it("'face' features classify at least 95% of the altered photos right", async () => {
    const result = await measure('faces robustness', { features: 'face', minExamples: 1 }, imageSplit(faces));
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
