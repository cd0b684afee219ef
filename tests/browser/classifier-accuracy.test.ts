import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadVideo, seekFrame } from '../../bench/lib/page';
import { mountClassifier, runSplit, type ClassRange } from '../../bench/pages/classifier.split';

// Two distinct segments of pose_1.mp4 as two classes; every 3rd frame trains, the rest test.
const CLASSES: ClassRange[] = [
  { label: 'A', from: 0, to: 29 },
  { label: 'B', from: 60, to: 89 },
];

let video: HTMLVideoElement;

beforeAll(async () => {
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
  await backendManager.use('wasm');
});

afterAll(() => {
  video.remove();
});

// The interleaved split: test frames are the neighbours of training frames, so this is the "lookup"
// figure, not the accuracy (classifier-generalisation.test.ts tests altered and later frames).
describe('given frames 0-29 and 60-89 of pose_1.mp4 as two classes, every 3rd frame for training (lookup)', () => {
  for (const features of ['image', 'pose'] as const) {
    it(`classifies at least 90% of the held-out frames right with '${features}' features, through the hook`, async () => {
      const clf = await mountClassifier(video, { features, predict: false, thumbnailSize: 0 });
      try {
        const result = await runSplit(video, clf.current, CLASSES, 3);
        console.log(
          `[classifier-accuracy] ${features}: accuracy ${(result.accuracy * 100).toFixed(1)}% (${result.nTrain} train, ${result.nTest} test), ` +
            `embed ${result.msPerFrame.embed.toFixed(1)} ms, classify ${result.msPerFrame.classify.toFixed(3)} ms on ${clf.current().backend}`,
        );
        expect(result.nTrain).toBe(20);
        expect(result.nTest).toBe(40);
        expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
      } finally {
        clf.unmount();
      }
    });
  }
});

describe('given a classifier trained on image features', () => {
  it('an exported dataset imported into a new classifier gives identical predictions', async () => {
    const a = await mountClassifier(video, { features: 'image', predict: false, thumbnailSize: 32 });
    const b = await mountClassifier(video, { features: 'image', predict: false, thumbnailSize: 32 });
    try {
      await runSplit(video, a.current, [{ label: 'A', from: 0, to: 11 }, { label: 'B', from: 60, to: 71 }], 3);
      await b.current().importDataset(a.current().exportDataset());
      expect(b.current().classes.map((c) => [c.name, c.count])).toEqual(a.current().classes.map((c) => [c.name, c.count]));
      expect(b.current().classes[0].examples[0].thumbnail).toMatch(/^data:image\/jpeg/);
      // The same embeddings through both classifiers: the predictions must be identical, bit for bit.
      for (const frame of [13, 14, 40, 73, 74, 100]) {
        await seekFrame(video, frame);
        const embedding = (await a.current().engine.embed(video))!;
        expect(await b.current().engine.classifyEmbedding(embedding, frame)).toEqual(await a.current().engine.classifyEmbedding(embedding, frame));
      }
    } finally {
      a.unmount();
      b.unmount();
    }
  });

  it('300 predictions leave no tensor behind', async () => {
    const clf = await mountClassifier(video, { features: 'image', predict: false, thumbnailSize: 0 });
    try {
      await runSplit(video, clf.current, [{ label: 'A', from: 0, to: 5 }, { label: 'B', from: 60, to: 65 }], 2);
      await clf.current().classify();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 300; i++) await clf.current().classify();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      clf.unmount();
    }
  });
});
