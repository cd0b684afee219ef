// What learning costs with image features and augmentation: adding an example (one MobileNetV2
// pass, then one batch for its 4 copies) against embedding the frame alone, and `train()` (the
// dense head) against the tfjs-layers `fit` it replaced, on the same rows, in one run. Logged for
// docs/benchmarks.md; the test checks only what both must do (train, free their tensors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadVideo, seekFrame } from '../../bench/lib/page';
import { median, mountClassifier } from '../../bench/pages/classifier.split';
import { parseDatasetFile } from '../../packages/core/src/classifier/datasetFile';
import { classWeights, splitExamples } from '../../packages/core/src/classifier/denseTraining';
import { fitEmbeddingSpace } from '../../packages/core/src/classifier/embeddingSpace';
import type { StoredClass } from '../../packages/core/src/classifier/Dataset';

let video: HTMLVideoElement;

beforeAll(async () => {
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
  await backendManager.use('wasm');
});

afterAll(() => video.remove());

/** The previous `train()`: tfjs-layers `fit` of the same network on the same rows (40 epochs, Adam 0.001, batches of 32, class weights). */
async function layersFit(classes: readonly StoredClass[]): Promise<number> {
  const { train } = splitExamples(classes, 0.2);
  const space = fitEmbeddingSpace('centred', train.map((r) => r.embedding));
  const dimension = train[0].embedding.length;
  const flat = new Float32Array(train.length * dimension);
  train.forEach((r, i) => flat.set(space.project(r.embedding), i * dimension));
  const started = performance.now();
  const xs = tf.tensor2d(flat, [train.length, dimension]);
  const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(train.map((r) => r.label), 'int32'), classes.length), 'float32'));
  const model = sequential({ layers: [layers.dense({ inputShape: [dimension], units: 64, activation: 'relu' }), layers.dense({ units: classes.length, activation: 'softmax' })] });
  const optimizer = tf.train.adam(0.001);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 40, batchSize: 32, shuffle: true, verbose: 0, classWeight: classWeights(train, classes.length, true) });
  const ms = performance.now() - started;
  model.dispose();
  optimizer.dispose();
  xs.dispose();
  ys.dispose();
  return ms;
}

describe('given image features with augmentation and 20 examples per class of pose_1.mp4', () => {
  it('adds them and trains the dense head, freeing every tensor; the costs are logged as ratios', async () => {
    const clf = await mountClassifier(video, { features: 'image', head: 'dense', predict: false, thumbnailSize: 0 });
    try {
      const embed: number[] = [];
      const add: number[] = [];
      for (const [label, from] of [['A', 0], ['B', 60]] as const) {
        for (let i = 0; i < 20; i++) {
          await seekFrame(video, from + i);
          let started = performance.now();
          await clf.current().engine.embed(video);
          embed.push(performance.now() - started);
          started = performance.now();
          await clf.current().addExample(label, video);
          add.push(performance.now() - started);
        }
      }
      const file = clf.current().engine.toDatasetFile();
      const { classes } = parseDatasetFile(file, { extractorId: file.extractor.id, dimension: file.extractor.dimension, mirrored: file.mirrored });
      expect(classes.map((c) => [c.examples.length, c.examples[0].augmented?.length])).toEqual([[20, 4], [20, 4]]);
      const ms = { train: [] as number[], layers: [] as number[] };
      let tensors = tf.memory().numTensors;
      for (let round = 0; round < 2; round++) {
        let started = performance.now();
        await clf.current().train();
        ms.train.push(performance.now() - started);
        expect(clf.current().training.status).toBe('trained');
        // Held out: 4 examples per class with their copies, neighbours in time of the trained ones.
        expect(clf.current().training.heldOut?.accuracy).toBeGreaterThanOrEqual(0.75);
        expect(tf.memory().numTensors).toBe(tensors);
        started = performance.now();
        ms.layers.push(await layersFit(classes));
        tensors = tf.memory().numTensors;
      }
      const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
      console.log(
        `[classifier-training-cost] adding 40 examples: ${(sum(add) / 1000).toFixed(1)} s (median ${median(add).toFixed(0)} ms each) vs embedding the same frames ${(sum(embed) / 1000).toFixed(1)} s (median ${median(embed).toFixed(0)} ms): ratio ${(median(add) / median(embed)).toFixed(2)}; ` +
          `train() ${ms.train.map((x) => x.toFixed(0)).join(' / ')} ms (epochs ${clf.current().training.epoch}) vs tfjs-layers fit, 40 epochs, same rows ${ms.layers.map((x) => x.toFixed(0)).join(' / ')} ms: ratio ${(median(ms.train) / median(ms.layers)).toFixed(2)}`,
      );
    } finally {
      clf.unmount();
    }
  });
});
