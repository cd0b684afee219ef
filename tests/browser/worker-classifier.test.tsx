import { StrictMode, useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ClassifierEngine, type ClassifierResult } from '@webcam-ml/core/classifier';
import { createRuntime, type Runtime } from '@webcam-ml/core/runtime';
import { useTrainableClassifier, type UseTrainableClassifierResult } from '@webcam-ml/react/classifier';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { playingClip, workerMemory } from './worker.helpers';

afterEach(() => {
  cleanup();
  document.querySelectorAll('video').forEach((v) => v.remove());
});

const settle = () => new Promise((r) => setTimeout(r, 300));
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}`;

const countOf = (engine: ClassifierEngine, label: string) => engine.getSnapshot().classes.find((c) => c.name === label)?.count ?? 0;

/** Record `count` examples of `label` from the playing source, until the frames sent meanwhile are back. */
async function record(engine: ClassifierEngine, label: string, count: number) {
  const before = countOf(engine, label);
  engine.startRecording(label);
  await expect.poll(() => countOf(engine, label), { timeout: 30_000 }).toBeGreaterThanOrEqual(before + count);
  engine.stopRecording();
  // A frame sent while recording is kept even when it comes back after the stop (as on main).
  const stopped = countOf(engine, label);
  await nextResults(engine, 3);
  return countOf(engine, label) - stopped;
}

/** Resolves after `n` more results. */
function nextResults(engine: ClassifierEngine, n: number) {
  return new Promise<void>((resolve) => {
    let left = n;
    const stop = engine.subscribeResults(() => {
      if (--left > 0) return;
      stop();
      resolve();
    });
  });
}

/** A classifier on pose features in a worker runtime, fed by the playing clip. */
async function workerClassifier(runtime: Runtime, options: ConstructorParameters<typeof ClassifierEngine>[0] = {}) {
  const video = await playingClip();
  const engine = new ClassifierEngine({ features: 'pose', minExamples: 2, ...options }, runtime);
  const results: ClassifierResult[] = [];
  const stop = engine.subscribeResults((r) => results.push(r));
  const stopState = engine.subscribe(() => {});
  engine.setSource(video);
  await expect.poll(() => engine.getSnapshot().status, { timeout: 60_000 }).toBe('ready');
  return {
    engine,
    video,
    results,
    close: () => {
      stop();
      stopState();
      engine.dispose();
    },
  };
}

describe('given a trainable classifier on a worker runtime', () => {
  it('runs in the worker: records examples with thumbnails, predicts, trains the dense head, and the main thread runs no TF.js', async () => {
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 200 });
    const { engine, video, results, close } = await workerClassifier(runtime);
    try {
      expect(engine.getSnapshot()).toMatchObject({ executor: 'worker', executorReason: '', backend: 'wasm' });
      await record(engine, 'first', 3);
      await record(engine, 'second', 3);
      const { classes } = engine.getSnapshot();
      // Frames sent after the stop record nothing.
      await nextResults(engine, 3);
      expect(engine.getSnapshot().classes.map((c) => c.count)).toEqual(classes.map((c) => c.count));
      expect(classes.map((c) => c.name)).toEqual(['first', 'second']);
      // Thumbnails of the recorded frames, as the trainer UI shows them.
      expect(classes[0].examples[0].thumbnail).toMatch(/^data:image\/jpeg;base64,/);
      // A direct example and a direct embedding go through the worker too.
      const added = await engine.addExample('second', video);
      expect(added?.thumbnail).toMatch(/^data:image\/jpeg/);
      expect(engine.getSnapshot().classes[1].count).toBe(classes[1].count + 1);
      const embedding = (await engine.embed(video))!;
      expect(embedding.length).toBe(engine.getSnapshot().extractor.dimension);
      expect(Math.hypot(...embedding)).toBeCloseTo(1, 4);
      // Predictions over the examples (the worker has them: not "too few examples").
      const seen = results.length;
      await expect.poll(() => results.slice(seen).some((r) => r.reason !== 'too-few-examples' && r.confidences.length === 2), { timeout: 10_000 }).toBe(true);
      expect(engine.getSnapshot().timings.embedMs).toBeGreaterThan(0);
      const knn = await engine.classifyEmbedding(embedding);
      expect(knn.confidences.map((c) => c.label)).toEqual(['first', 'second']);
      // The dense head trains in the worker; its progress is in the main side's state.
      const epochs: number[] = [];
      await engine.train({ epochs: 8, validationShare: 0, onEpoch: (epoch) => epochs.push(epoch) });
      expect(engine.getSnapshot().training).toMatchObject({ status: 'trained', epochs: 8, error: null });
      expect(epochs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      engine.setOptions({ features: 'pose', minExamples: 2, head: 'dense' });
      const dense = results.length;
      await expect.poll(() => results.length, { timeout: 10_000 }).toBeGreaterThan(dense + 2);
      expect(results.at(-1)!.reason).not.toBe('too-few-examples');
      // Results are the prediction only: what came with it from the worker was taken off.
      expect(Object.keys(results.at(-1)!).sort()).toEqual(['confidence', 'confidences', 'frameSize', 'label', 'latencyMs', 'reason', 'timestamp']);
      expect((await runtime.memory!()).main.numTensors).toBe(0);
    } finally {
      close();
    }
  });
});

describe.each(['main', 'worker'] as const)('given a class recorded on the %s thread', (executor) => {
  it('predicts from the very frame that records its minExamples-th example, as on the main thread', async () => {
    // The worker used to count its own recordings only once the main side's copy of the dataset
    // came back: two frames (about two examples) later, so the first prediction came ~1 s late.
    const runtime = createRuntime({ executor, backend: 'wasm', releaseDelayMs: 100 });
    const { engine, results, close } = await workerClassifier(runtime);
    try {
      expect(engine.getSnapshot().executor).toBe(executor);
      let countAtFirst: number | null = null;
      const stop = engine.subscribeResults((r) => {
        if (r.reason !== 'too-few-examples') countAtFirst ??= countOf(engine, 'only');
      });
      engine.startRecording('only');
      await expect.poll(() => countAtFirst, { timeout: 30_000 }).not.toBeNull();
      engine.stopRecording();
      stop();
      expect(countAtFirst).toBe(2);
      expect(results.length).toBeGreaterThan(0);
    } finally {
      close();
    }
  });
});

describe('given the self-contained worker the models CLI copies next to the weights (workerUrl)', () => {
  it('hosts the classifier too: records, predicts and trains (built by `npm run build`, copied by `npm run models`)', async () => {
    const runtime = createRuntime({ executor: 'worker', workerUrl: '/models/webcam-ml-worker.js', backend: 'wasm', releaseDelayMs: 100 });
    const { engine, results, close } = await workerClassifier(runtime);
    try {
      expect(engine.getSnapshot()).toMatchObject({ executor: 'worker', executorReason: '' });
      await record(engine, 'first', 2);
      await record(engine, 'second', 2);
      await engine.train({ epochs: 3, validationShare: 0 });
      expect(engine.getSnapshot().training.status).toBe('trained');
      const before = results.length;
      await expect.poll(() => results.slice(before).some((r) => r.reason !== 'too-few-examples' && r.confidences.length === 2), { timeout: 10_000 }).toBe(true);
    } finally {
      close();
    }
  });
});

describe('given a classifier the worker cannot run as it is', () => {
  it.each([
    ['a Teachable Machine export', { teachableMachine: { modelUrl: '/no-such-tm/model.json' } }, /Teachable Machine export runs on the main thread/],
    ['a custom features function', { features: () => Float32Array.from([1, 0]) }, /options hold a function.*main thread/],
  ])('keeps %s on the main thread and says why', (_name, options, reason) => {
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 100 });
    const engine = new ClassifierEngine(options, runtime);
    const stop = engine.subscribe(() => {});
    try {
      expect(engine.getSnapshot()).toMatchObject({ executor: 'main', executorReason: expect.stringMatching(reason) });
      expect(runtime.executor!.worker()).toBeNull();
    } finally {
      stop();
      engine.dispose();
    }
  });
});

describe('given a trained classifier whose worker is terminated mid-run', () => {
  it('restarts the worker, keeps every example and predicts with them again within 5 s', async () => {
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 200 });
    const { engine, results, close } = await workerClassifier(runtime);
    try {
      await record(engine, 'first', 3);
      await record(engine, 'second', 3);
      await engine.train({ epochs: 5, validationShare: 0 });
      const counts = engine.getSnapshot().classes.map((c) => c.count);
      const first = runtime.executor!.worker()!;
      first.terminate();
      const killedAt = performance.now();
      await expect.poll(() => runtime.executor!.getSnapshot().restarts, { timeout: 5_000 }).toBe(1);
      const before = results.length;
      // The new worker engine was sent the dataset before its first frame: its predictions use it.
      await expect.poll(() => results.slice(before).some((r) => r.reason !== 'too-few-examples' && r.confidences.length === 2), { timeout: 5_000, interval: 20 }).toBe(true);
      expect(performance.now() - killedAt).toBeLessThan(5_000);
      expect(runtime.executor!.worker()).not.toBe(first);
      expect(engine.getSnapshot().classes.map((c) => c.count)).toEqual(counts);
      expect(engine.getSnapshot()).toMatchObject({ status: 'ready', executor: 'worker', error: null });
      // The dense head is trained again in the new worker, on the same examples.
      await expect.poll(() => engine.getSnapshot().training.status, { timeout: 30_000 }).toBe('trained');
      // Recording goes on in the new worker.
      await record(engine, 'first', 1);
    } finally {
      close();
    }
  });
});

describe('given a dataset saved to IndexedDB', () => {
  const exported = (engine: ClassifierEngine) => engine.toDatasetFile({ thumbnails: true }).classes;

  it('saved in worker mode, it loads in main mode, and the reverse', async () => {
    const name = unique('worker-main');
    const worker = await workerClassifier(createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 100 }), { datasetName: name });
    await record(worker.engine, 'up', 2);
    await worker.engine.save();
    const saved = exported(worker.engine);
    worker.close();

    const main = await workerClassifier(createRuntime({ executor: 'main', backend: 'wasm', releaseDelayMs: 100 }), { datasetName: name });
    try {
      expect(main.engine.getSnapshot().executor).toBe('main');
      await expect.poll(() => main.engine.getSnapshot().storage.status, { timeout: 10_000 }).toBe('saved');
      expect(exported(main.engine)).toEqual(saved);
      await record(main.engine, 'down', 2);
      await main.engine.save();
    } finally {
      main.close();
    }
    const both = exported(main.engine);

    const again = await workerClassifier(createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 100 }), { datasetName: name });
    try {
      expect(again.engine.getSnapshot().executor).toBe('worker');
      await expect.poll(() => again.engine.getSnapshot().storage.status, { timeout: 10_000 }).toBe('saved');
      expect(exported(again.engine)).toEqual(both);
      // ...and the worker predicts with what it loaded.
      const before = again.results.length;
      await expect.poll(() => again.results.slice(before).some((r) => r.confidences.length === 2 && r.reason !== 'too-few-examples'), { timeout: 10_000 }).toBe(true);
    } finally {
      again.close();
    }
  });
});

/** The trainer in use: records two classes and trains the dense head once, then says so. */
function Trainer({ video, onReady }: { video: HTMLVideoElement; onReady: (classifier: UseTrainableClassifierResult) => void }) {
  const classifier = useTrainableClassifier({ source: video, features: 'pose', minExamples: 2 });
  useEffect(() => {
    onReady(classifier);
  });
  return <output>{`${classifier.status}|${classifier.executor}|${classifier.training.status}`}</output>;
}

describe('given the classifier in the worker mounted, trained and unmounted', () => {
  it('leaves no ImageBitmap open and the worker numTensors at its baseline (direct examples and the dense head included)', async () => {
    const video = await playingClip();
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 5_000 });
    let current: UseTrainableClassifierResult | null = null;
    const cycle = async () => {
      const view = render(
        <StrictMode>
          <WebcamMLProvider runtime={runtime}>
            <Trainer video={video} onReady={(c) => (current = c)} />
          </WebcamMLProvider>
        </StrictMode>,
      );
      await screen.findByText('ready|worker|untrained', {}, { timeout: 60_000 });
      const engine = current!.engine;
      await record(engine, 'a', 2);
      await record(engine, 'b', 2);
      // Direct calls send a bitmap of their own (closed in the worker after the answer).
      await engine.addExample('b', video);
      await engine.embed(video);
      await engine.train({ epochs: 3, validationShare: 0 });
      await screen.findByText('ready|worker|trained');
      view.unmount();
      await settle();
    };
    await cycle();
    const baseline = await workerMemory(runtime);
    await cycle();
    await cycle();
    const after = await workerMemory(runtime);
    expect(after.numTensors).toBe(baseline.numTensors);
    expect(after).toMatchObject({ openBitmaps: 0, bitmapsInHand: 0 });
    expect(runtime.executor!.getSnapshot().restarts).toBe(0);
    expect((await runtime.memory!()).main.numTensors).toBe(0);
  });
});
