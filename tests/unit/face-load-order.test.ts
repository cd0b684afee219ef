// Issue 11, the face widget's cold load: its nets load in one batch, so none is decoded and warmed
// up before every net's weights are in (a warm-up holds the main thread while the other downloads
// wait to be read; built as each one's bytes landed, the hook took 1.16 × the bare library).
// The real FaceEngine, face specs and model cache, on a fake backend and server; face-api's nets
// are fakes that note when they are built and warmed up.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigStore, ModelCache, type ModelSpec, type Runtime } from '@webcam-ml/core/runtime';
import { FaceEngine } from '@webcam-ml/core/face';
import type { LoadBatch } from '../../packages/core/src/runtime/LoadBatch';
import { FakeBackend, fakeServer, tick, type FakeServer } from './runtime.fakes';

const events = vi.hoisted(() => [] as string[]);

vi.mock('@vladmandic/face-api/dist/face-api.esm-nobundle.js', () => {
  /** A face-api net that notes its build (`loadFromWeightMap`) and its warm-up (the first inference). */
  const net = (name: string) =>
    class {
      loadFromWeightMap(weights: Record<string, { dispose: () => void }>) {
        events.push(`build ${name}`);
        for (const t of Object.values(weights)) t.dispose();
      }
      private run = async () => {
        events.push(`warm-up ${name}`);
        return [];
      };
      locateFaces = this.run;
      detectLandmarks = this.run;
      predictExpressions = this.run;
      predictAgeAndGender = this.run;
      computeFaceDescriptor = this.run;
      dispose() {}
    };
  return {
    TinyFaceDetector: net('tinyFaceDetector'),
    SsdMobilenetv1: net('ssdMobilenetv1'),
    FaceLandmark68Net: net('faceLandmark68Net'),
    FaceLandmark68TinyNet: net('faceLandmark68TinyNet'),
    FaceExpressionNet: net('faceExpressionNet'),
    AgeGenderNet: net('ageGenderNet'),
    FaceRecognitionNet: net('faceRecognitionNet'),
    TinyFaceDetectorOptions: class {},
    SsdMobilenetv1Options: class {},
    env: { isBrowser: () => true },
  };
});

const BASE = '/face-order-models/';
const STEMS = ['tiny_face_detector_model', 'face_landmark_68_model', 'face_expression_model', 'age_gender_model'];

/** Every default net's weights manifest and its one 8-byte shard. */
function faceFiles(): Parameters<typeof fakeServer>[0] {
  const files: Parameters<typeof fakeServer>[0] = {};
  for (const stem of STEMS) {
    const manifest = [{ paths: [`${stem}-shard1`], weights: [{ name: `${stem}/w`, shape: [2], dtype: 'float32' }] }];
    files[`${BASE}face/${stem}-weights_manifest.json`] = { body: JSON.stringify(manifest), type: 'application/json' };
    files[`${BASE}face/${stem}-shard1`] = { body: new Uint8Array(new Float32Array([1, 2]).buffer) };
  }
  return files;
}

/** A main-thread runtime over a real model cache, a fake backend and the fake server. */
function cacheRuntime(cache: ModelCache): Runtime {
  const settings = new ConfigStore({ modelBaseUrl: BASE, releaseDelayMs: 0 });
  const backend = new FakeBackend();
  return {
    backend,
    getConfig: () => settings.get(),
    configure: (p) => settings.configure(p),
    subscribeConfig: (l) => settings.subscribe(l),
    resolveModelUrl: (path) => new URL(path, new URL(BASE, 'http://localhost/')).href,
    acquireModel: <T>(spec: ModelSpec<T>, batch?: LoadBatch) => cache.acquire(spec, { ...settings.get() }, batch),
    frameLoop: () => ({
      add: () => ({ stats: () => ({ processed: 0, dropped: 0, fps: 0, latencyMs: 0 }), subscribe: () => () => {}, remove: () => {} }),
      invalidate: () => {},
    }),
    useBackend: async () => 'cpu',
  };
}

let server: FakeServer;
let cache: ModelCache;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  cache.clear();
  vi.unstubAllGlobals();
  events.length = 0;
});

describe('given useFaceInfo’s default nets (detector, landmarks, expressions, age and gender)', () => {
  it('builds and warms up no net before the last net’s weights are in', async () => {
    server = fakeServer(faceFiles());
    vi.stubGlobal('fetch', server.fetch);
    // The age/gender weights arrive last.
    const lastShard = `${BASE}face/age_gender_model-shard1`;
    server.hold(lastShard);
    cache = new ModelCache(new FakeBackend());
    const engine = new FaceEngine({}, cacheRuntime(cache));
    const stop = engine.subscribe(() => {});
    try {
      // Every other file has been requested and served meanwhile.
      await vi.waitFor(() => expect(server.requests).toContain(lastShard));
      await tick(50);
      expect(server.requests.filter((r) => r.endsWith('-shard1'))).toHaveLength(4);
      expect(events).toEqual([]);

      events.push('last weights in');
      server.open(lastShard);
      await vi.waitFor(() => expect(engine.getSnapshot().status).toBe('ready'));
      expect(events[0]).toBe('last weights in');
      for (const stem of ['tinyFaceDetector', 'faceLandmark68Net', 'faceExpressionNet', 'ageGenderNet']) {
        expect(events).toContain(`build ${stem}`);
        expect(events).toContain(`warm-up ${stem}`);
      }
    } finally {
      stop();
      engine.dispose();
    }
  });

  it('still brings up the nets that loaded when one net’s weights are missing, and that net retries alone', async () => {
    const files = faceFiles();
    const missing = `${BASE}face/age_gender_model-shard1`;
    const body = files[missing];
    delete files[missing];
    server = fakeServer(files);
    vi.stubGlobal('fetch', server.fetch);
    cache = new ModelCache(new FakeBackend());
    const engine = new FaceEngine({}, cacheRuntime(cache));
    const stop = engine.subscribe(() => {});
    try {
      await vi.waitFor(() => expect(engine.getSnapshot().status).toBe('error'));
      expect(engine.getSnapshot().error).toMatchObject({ name: 'ModelLoadError', reason: 'not-found' });
      // The other nets did not wait for the failed one for ever.
      await vi.waitFor(() => expect(events.filter((e) => e.startsWith('warm-up'))).toHaveLength(3));
      expect(cache.inspect().filter((e) => e.status === 'ready')).toHaveLength(3);

      files[missing] = body;
      events.length = 0;
      engine.retry();
      await vi.waitFor(() => expect(engine.getSnapshot().status).toBe('ready'));
      expect(events).toEqual(['build ageGenderNet', 'warm-up ageGenderNet']);
    } finally {
      stop();
      engine.dispose();
    }
  });
});
