import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import { backendManager, modelCache } from '@webcam-ml/core/runtime';

const liveModelCount = () => modelCache.inspect().length;
import { ClassifierError, type CustomFeatureOptions } from '@webcam-ml/core/classifier';
import { loadVideo, seekFrame } from '../../bench/lib/page';
import { mountClassifier } from '../../bench/pages/classifier.split';
import { until } from './runtime.helpers';
import { onMain } from './mainThread';

let video: HTMLVideoElement;

beforeAll(async () => {
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
});

afterAll(async () => {
  video.remove();
  await backendManager.use('wasm');
});

/** Mean colour of the frame: a cheap custom extractor for tests about data, not accuracy. */
const meanColour: CustomFeatureOptions = {
  kind: 'custom',
  id: 'test:mean-colour',
  extract: (frame) => {
    const mean = tf.tidy(() => tf.mean(tf.cast(frame.pixels(), 'float32'), [0, 1]));
    const out = mean.dataSync() as Float32Array;
    mean.dispose();
    return Float32Array.from(out);
  },
};

async function addFrames(add: (label: string) => Promise<unknown>, label: string, frames: number[]) {
  for (const f of frames) {
    await seekFrame(video, f);
    await add(label);
  }
}

describe('given a trained classifier on WebGL whose context is lost', () => {
  it('keeps every example and predicts the same after the model reloads', async () => {
    await backendManager.use('webgl');
    // The page's WebGL context is lost: the classifier runs on the main thread (onMain).
    const clf = await mountClassifier(video, { features: { kind: 'image', layer: 'mid' }, predict: false, thumbnailSize: 0 }, { runtime: onMain });
    try {
      expect(clf.current().backend).toBe('webgl');
      await addFrames(clf.current().addExample, 'A', [0, 3, 6]);
      await addFrames(clf.current().addExample, 'B', [60, 63, 66]);
      const probes = [1, 9, 61, 69];
      const embedAll = async () => {
        const out: Float32Array[] = [];
        for (const f of probes) {
          await seekFrame(video, f);
          out.push((await clf.current().engine.embed(video))!);
        }
        return out;
      };
      const labelsOf = async () => {
        const out: string[] = [];
        for (const f of probes) {
          await seekFrame(video, f);
          out.push((await clf.current().classify()).label);
        }
        return out;
      };
      const before = await labelsOf();
      const embeddingsBefore = await embedAll();
      const dataset = clf.current().engine.toDatasetFile().classes;
      const { generation } = backendManager.getSnapshot();

      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGLRenderingContext } }).gpgpu.gl;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      await until(() => backendManager.getSnapshot().generation === generation + 1, 10_000, 'the backend re-initialised');
      await until(() => clf.current().status === 'ready' && clf.current().engine.getSnapshot().status === 'ready', 60_000, 'the classifier ready again');

      expect(clf.current().engine.toDatasetFile().classes).toEqual(dataset);
      const embeddingsAfter = await embedAll();
      embeddingsAfter.forEach((e, i) => expect(e.reduce((sum, v, j) => sum + v * embeddingsBefore[i][j], 0)).toBeGreaterThan(0.99));
      expect(await labelsOf()).toEqual(before);
      expect(before).toEqual(['A', 'A', 'B', 'B']);
    } finally {
      clf.unmount();
      await backendManager.use('wasm');
    }
  });
});

describe('given a dataset name', () => {
  it('a classifier mounted later restores the examples saved in IndexedDB', async () => {
    const datasetName = `test-${Math.random().toString(36).slice(2)}`;
    const first = await mountClassifier(video, { features: meanColour, datasetName, predict: false, thumbnailSize: 16 });
    await addFrames(first.current().addExample, 'A', [0, 1]);
    await addFrames(first.current().addExample, 'B', [60]);
    await until(() => first.current().storage.status === 'saved', 5_000, 'the autosave');
    const saved = first.current().engine.toDatasetFile().classes;
    first.unmount();

    const second = await mountClassifier(video, { features: meanColour, datasetName, predict: false, thumbnailSize: 16 });
    try {
      await until(() => second.current().classes.length === 2, 5_000, 'the restore');
      expect(second.current().engine.toDatasetFile().classes).toEqual(saved);
      expect(second.current().classes[0].examples[0].thumbnail).toMatch(/^data:image\/jpeg/);
    } finally {
      second.unmount();
    }
  });
});

describe('given a trained classifier and a bad dataset file', () => {
  it('the import is rejected with a typed error and nothing is lost', async () => {
    const clf = await mountClassifier(video, { features: meanColour, predict: false, thumbnailSize: 0 });
    try {
      await addFrames(clf.current().addExample, 'A', [0, 1, 2]);
      const before = clf.current().engine.toDatasetFile().classes;
      const bad = new Blob([JSON.stringify({ ...clf.current().engine.toDatasetFile(), extractor: { id: 'test:mean-colour', dimension: 4 } })]);
      const error = await clf.current().importDataset(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClassifierError);
      expect((error as ClassifierError).code).toBe('extractor-mismatch');
      const notJson = await clf.current().importDataset(new Blob(['not json'])).catch((e: unknown) => e);
      expect((notJson as ClassifierError).code).toBe('invalid-dataset');
      expect(clf.current().engine.toDatasetFile().classes).toEqual(before);
    } finally {
      clf.unmount();
    }
  });
});

describe('given a trained dense-head classifier on WebGL whose context is lost twice (issue 16, item 2)', () => {
  it('ends each loss with the tensor count it had before, and at the baseline once unmounted', async () => {
    await backendManager.use('webgl');
    await until(() => liveModelCount() === 0, 10_000, 'no model alive before');
    const baseline = tf.memory().numTensors;
    const clf = await mountClassifier(video, { features: { kind: 'image', layer: 'mid' }, head: 'dense', minExamples: 1, predict: false, thumbnailSize: 0 }, { runtime: onMain });
    try {
      await addFrames(clf.current().addExample, 'A', [0, 3]);
      await addFrames(clf.current().addExample, 'B', [60, 63]);
      await clf.current().train({ epochs: 2 });
      await seekFrame(video, 1);
      await clf.current().classify();
      const before = tf.memory().numTensors;
      for (let loss = 0; loss < 2; loss++) {
        const { generation } = backendManager.getSnapshot();
        const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGLRenderingContext } }).gpgpu.gl;
        gl.getExtension('WEBGL_lose_context')!.loseContext();
        await until(() => backendManager.getSnapshot().generation === generation + 1, 20_000, 'the backend re-initialised');
        await until(() => clf.current().engine.getSnapshot().status === 'ready', 90_000, 'the classifier ready again');
        await clf.current().classify();
        expect(tf.memory().numTensors).toBe(before);
      }
    } finally {
      clf.unmount();
    }
    await until(() => liveModelCount() === 0, 10_000, 'every model released');
    expect(tf.memory().numTensors).toBe(baseline);
    await backendManager.use('wasm');
  });
});

describe('given a Teachable Machine image-model export', () => {
  const files = new Map<string, Response | (() => Response)>();
  const original = globalThis.fetch;

  beforeAll(async () => {
    // A tiny stand-in for a Teachable Machine export: 8×8 input in -1..1, softmax over two labels,
    // "bright" when the picture is light, "dark" when it is not.
    const model = sequential({ layers: [layers.flatten({ inputShape: [8, 8, 3] }), layers.dense({ units: 2, activation: 'softmax' })] });
    const kernel = tf.concat([tf.fill([192, 1], 0.5), tf.fill([192, 1], -0.5)], 1);
    const bias = tf.zeros([2]);
    model.setWeights([kernel, bias]);
    kernel.dispose();
    bias.dispose();
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    model.dispose();
    const a = artifacts as unknown as tf.io.ModelArtifacts;
    const modelJson = JSON.stringify({ modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] });
    const weights = a.weightData as ArrayBuffer;
    files.set('/tm-fixture/model.json', () => new Response(modelJson, { headers: { 'content-type': 'application/json' } }));
    files.set('/tm-fixture/weights.bin', () => new Response(weights.slice(0)));
    files.set('/tm-fixture/metadata.json', () => new Response(JSON.stringify({ tmVersion: '2.4.7', labels: ['bright', 'dark'], imageSize: 8 })));
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
      const file = files.get(path);
      return file ? Promise.resolve(typeof file === 'function' ? file() : file) : original(input, init);
    };
  });

  afterAll(() => {
    globalThis.fetch = original;
  });

  function canvasOf(colour: string): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 24;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 32, 24);
    return canvas;
  }

  it('predicts with the export and its labels, and refuses training', async () => {
    const white = canvasOf('#fff');
    const clf = await mountClassifier(video, { teachableMachine: { modelUrl: '/tm-fixture/model.json' }, predict: false });
    try {
      await until(() => clf.current().classes.length === 2, 5_000, 'the labels');
      expect(clf.current().classes.map((c) => c.name)).toEqual(['bright', 'dark']);
      expect(clf.current().readOnly).toBe(true);
      expect((await clf.current().classify(white)).label).toBe('bright');
      expect((await clf.current().classify(canvasOf('#000'))).label).toBe('dark');
      expect(() => clf.current().addClass('x')).toThrow(ClassifierError);
    } finally {
      clf.unmount();
    }
  });

  it('a metadata.json whose labels do not match the model is a typed error', async () => {
    files.set('/tm-bad/model.json', files.get('/tm-fixture/model.json')!);
    files.set('/tm-bad/weights.bin', files.get('/tm-fixture/weights.bin')!);
    files.set('/tm-bad/metadata.json', () => new Response(JSON.stringify({ labels: ['a', 'b', 'c'], imageSize: 8 })));
    const clf = await mountClassifier(video, { teachableMachine: { modelUrl: '/tm-bad/model.json' }, predict: false }, { awaitReady: false });
    try {
      await until(() => clf.current().status === 'error', 5_000, 'the error');
      expect(clf.current().error).toBeInstanceOf(ClassifierError);
      expect(clf.current().error).toMatchObject({ code: 'teachable-machine' });
      expect(clf.current().error?.message).toMatch(/3 classes/);
    } finally {
      clf.unmount();
    }
  });
});

describe('given the dense head', () => {
  const cluster = (centre: number[], i: number) => Float32Array.from(centre.map((v, j) => v + Math.sin(i * 7 + j) * 0.15));
  /** A dense-head classifier on synthetic features with `n` examples of two clusters. */
  async function twoClusters(n: number) {
    const clf = await mountClassifier(video, { features: { kind: 'custom', id: 'test:synthetic', extract: () => null }, head: 'dense', predict: false, thumbnailSize: 0 });
    for (let i = 0; i < n; i++) {
      clf.current().addEmbedding('left', cluster([1, 0, 0, 0.2], i));
      clf.current().addEmbedding('right', cluster([0, 1, 0.3, 0], i));
    }
    return clf;
  }

  it('trains in the browser with progress and then predicts from the head', async () => {
    const clf = await twoClusters(8);
    try {
      const epochs: number[] = [];
      // Nothing held out: every epoch runs (early stopping is the next test).
      await clf.current().train({ epochs: 40, learningRate: 0.05, validationShare: 0, onEpoch: (epoch) => epochs.push(epoch) });
      expect(epochs).toHaveLength(40);
      expect(clf.current().training).toMatchObject({ status: 'trained', epoch: 40, epochs: 40 });
      const before = tf.memory().numTensors;
      const left = await clf.current().engine.classifyEmbedding(cluster([1, 0, 0, 0.2], 99));
      const right = await clf.current().engine.classifyEmbedding(cluster([0, 1, 0.3, 0], 99));
      expect(tf.memory().numTensors).toBe(before);
      expect([left.label, right.label]).toEqual(['left', 'right']);
      // Between the clusters the head gives softmax probabilities, not KNN's fifths.
      const middle = await clf.current().engine.classifyEmbedding(Float32Array.from([0.5, 0.5, 0.15, 0.1]));
      const p = middle.confidences[0].confidence;
      expect(Math.abs(p * 5 - Math.round(p * 5))).toBeGreaterThan(1e-3);
      clf.current().addEmbedding('left', cluster([1, 0, 0, 0.2], 50));
      expect(clf.current().engine.getSnapshot().training.status).toBe('stale');
    } finally {
      clf.unmount();
    }
  });

  it('by default holds out a share, stops when it no longer improves and says how sure it is per class', async () => {
    const clf = await twoClusters(10);
    try {
      const epochs: number[] = [];
      await clf.current().train({ epochs: 200, learningRate: 0.05, patience: 3, onEpoch: (epoch) => epochs.push(epoch) });
      expect(epochs.length).toBeLessThan(200);
      const { training } = clf.current();
      expect(training.status).toBe('trained');
      expect(training.heldOut?.perClass.map((c) => [c.label, c.count, c.accuracy])).toEqual([
        ['left', 2, 1],
        ['right', 2, 1],
      ]);
      expect(training.heldOut?.bestEpoch).toBe(training.epoch);
    } finally {
      clf.unmount();
    }
  });

  it('rejects train options out of range as invalid options', async () => {
    const clf = await twoClusters(3);
    try {
      await expect(clf.current().train({ patience: 0 })).rejects.toMatchObject({ code: 'invalid-options' });
    } finally {
      clf.unmount();
    }
  });
});

describe("given 'face' features", () => {
  it('a face gives a 136-number landmark embedding and a blank image gives none', async () => {
    const { loadImage } = await import('../../bench/lib/page');
    const face = await loadImage('/fixtures/face/angry.jpg');
    const blank = await loadImage('/fixtures/face/white.png');
    const clf = await mountClassifier(video, { features: 'face', predict: false, thumbnailSize: 0 });
    try {
      const embedding = await clf.current().engine.embed(face);
      expect(embedding).toHaveLength(136);
      expect(clf.current().engine.getSnapshot().extractor).toEqual({ id: 'face:landmarks-68', dimension: 136 });
      expect(await clf.current().engine.embed(blank)).toBeNull();
      expect((await clf.current().classify(blank)).reason).toBe('no-features');
    } finally {
      clf.unmount();
      face.remove();
      blank.remove();
    }
  });
});
