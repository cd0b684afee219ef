// Where the time goes after a WebGL context loss (issue 16 item 2, the backend half): the backend
// re-initialisation, the weights re-upload from the kept bytes, and the warm-up (shader compiles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { backendManager, getFrameLoop, modelCache, type ModelLease, type ModelSpec } from '@webcam-ml/core/runtime';
import { PoseEngine } from '@webcam-ml/core/pose';
import { ClassifierEngine } from '@webcam-ml/core/classifier';
import { loadVideo } from '../../bench/lib/page';
import { recordEngine, sleep, until } from './runtime.helpers';
import { onMain } from './mainThread';

/** MoveNet Lightning loaded in three timed steps: the bytes, the graph, the warm-up. */
function timedMoveNet() {
  const runs: { fetchMs: number; buildMs: number; warmUpMs: number; startedAt: number; programs: number }[] = [];
  const spec: ModelSpec<GraphModel> = {
    key: 'test:context-loss-timing',
    load: async (ctx) => {
      const startedAt = performance.now();
      const artifacts = await tf.io.http(ctx.resolveUrl('pose/movenet-lightning.json'), { fetchFunc: ctx.fetch as typeof fetch }).load!();
      const fetched = performance.now();
      const model = await loadGraphModel(tf.io.fromMemory(artifacts));
      const built = performance.now();
      const out = tf.tidy(() => model.execute(tf.zeros([1, 192, 192, 3], 'int32')) as tf.Tensor);
      await out.data();
      out.dispose();
      runs.push({ startedAt, fetchMs: fetched - startedAt, buildMs: built - fetched, warmUpMs: performance.now() - built, programs: compiledPrograms() });
      return model;
    },
    dispose: (model) => model.dispose(),
  };
  return { spec, runs };
}

/**
 * Issue 16 aims at 5 s. After a loss every WebGL program is compiled again (they die with the
 * context); on this machine's SwiftShader, shared with other jobs, MoveNet's 174 programs take
 * 4-12 s, so the bound here is loose and the measured times are logged (RELIABILITY.md).
 */
const POSE_READY_BUDGET_MS = 30_000;
/** The backend's own share: a new context, the known-computation check. */
const BACKEND_READY_BUDGET_MS = 2_000;

/** How many WebGL programs the active backend has compiled (each costs a shader compile). */
const compiledPrograms = () => Object.keys((tf.backend() as unknown as { binaryCache?: object }).binaryCache ?? {}).length;

const gl = () => (tf.backend() as unknown as { gpgpu: { gl: WebGLRenderingContext } }).gpgpu.gl;
const round = (ms: number) => Math.round(ms);

describe('given WebGL forced, MoveNet loaded, then the context lost and restored', () => {
  let lease: ModelLease<GraphModel>;
  const timed = timedMoveNet();
  beforeAll(async () => {
    expect(await backendManager.use('webgl')).toBe('webgl');
    lease = modelCache.acquire(timed.spec);
    await lease.ready();
  });
  afterAll(async () => {
    lease.release();
    await backendManager.use('auto');
  });

  it('re-initialises the backend and reloads from the kept bytes; the breakdown is logged', async () => {
    const ext = gl().getExtension('WEBGL_lose_context')!;
    // Timestamps from the notifications themselves: polling is late while shaders compile.
    let backendReadyAt = 0;
    let programsAtBackendReady = -1;
    let modelReadyAt = 0;
    let recovering = false;
    const stopBackend = backendManager.subscribe(() => {
      if (backendManager.getSnapshot().status === 'recovering') recovering = true;
      if (backendManager.getSnapshot().status !== 'ready' || !recovering || backendReadyAt) return;
      backendReadyAt = performance.now();
      programsAtBackendReady = compiledPrograms();
    });
    const stopLease = lease.subscribe(() => {
      if (lease.getSnapshot().status === 'ready') modelReadyAt ||= performance.now();
    });
    const tensorsBefore = tf.memory().numTensors;
    const requests: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    const lostAt = performance.now();
    ext.loseContext();
    // Seen by the subscription: polled, the re-initialisation can be over in between.
    await until(() => recovering, 1_000, 'recovering');
    ext.restoreContext();
    await until(() => lease.getSnapshot().status === 'ready' && timed.runs.length === 2, 30_000, 'the model ready again').finally(
      () => void (globalThis.fetch = realFetch),
    );
    stopBackend();
    stopLease();
    const [first, again] = timed.runs;
    const backendMs = backendReadyAt - lostAt;
    const totalMs = modelReadyAt - lostAt;
    console.info(
      `context loss: backend ready ${round(backendMs)} ms, reload started ${round(again.startedAt - lostAt)} ms, model ready ${round(totalMs)} ms after the loss; ` +
        `reload: bytes ${round(again.fetchMs)} ms, graph + upload ${round(again.buildMs)} ms, warm-up ${round(again.warmUpMs)} ms, ${again.programs} programs ` +
        `(first load: bytes ${round(first.fetchMs)}, graph ${round(first.buildMs)}, warm-up ${round(first.warmUpMs)} ms)`,
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const model = lease.getSnapshot().model!;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const out = tf.tidy(() => model.execute(tf.zeros([1, 192, 192, 3], 'int32')) as tf.Tensor);
      await out.data();
      out.dispose();
      times.push(performance.now() - start);
    }
    console.info(`context loss: inference after recovery, median ${round(times.sort((a, b) => a - b)[2])} ms`);
    expect(backendManager.getSnapshot()).toMatchObject({ status: 'ready', backend: 'webgl' });
    expect(backendMs).toBeLessThan(BACKEND_READY_BUDGET_MS);
    // The new context draws with the renderer the known computation passed on: it is not run
    // again (its programs would be compiled before any model could reload).
    expect(programsAtBackendReady).toBe(0);
    // The bytes were kept: the reload downloads nothing, and builds the graph from memory.
    expect(requests).toEqual([]);
    expect(again.buildMs).toBeLessThan(1_000);
    expect(again.startedAt - backendReadyAt).toBeLessThan(100);
  });
});

describe('given a PoseEngine on webgl tracking a video, then the context lost and restored', () => {
  let video: HTMLVideoElement;
  beforeAll(async () => {
    expect(await backendManager.use('webgl')).toBe('webgl');
    video = await loadVideo('/fixtures/pose/pose_1.mp4');
    video.loop = true;
    await video.play();
  });
  afterAll(async () => {
    video.pause();
    video.remove();
    await backendManager.use('auto');
  });

  it('is ready again with results flowing; the time is logged', async () => {
    const engine = new PoseEngine({ model: 'lightning' }, onMain);
    const { results, statuses, stop } = recordEngine(engine);
    engine.setSource(video);
    try {
      await until(() => engine.getSnapshot().status === 'ready' && results() > 2, 60_000, 'pose ready with results');
      const ext = gl().getExtension('WEBGL_lose_context')!;
      const lostAt = performance.now();
      let readyAt = 0;
      let resultAt = 0;
      let left = false;
      const stopReady = engine.subscribe(() => {
        if (engine.getSnapshot().status !== 'ready') left = true;
        else if (left) readyAt ||= performance.now();
      });
      const stopFirst = engine.subscribeResults(() => {
        if (readyAt) resultAt ||= performance.now();
      });
      ext.loseContext();
      // Seen by the subscription: polled, a recovery without a warm-up can be over in between.
      await until(() => left, 2_000, 'pose leaves ready');
      ext.restoreContext();
      await until(() => readyAt > 0 && resultAt > 0, 30_000, 'pose ready again with a result');
      stopReady();
      stopFirst();
      const readyMs = readyAt - lostAt;
      console.info(`context loss: pose ready again ${round(readyMs)} ms after the loss, first result ${round(resultAt - lostAt)} ms; statuses ${statuses.join(' → ')}`);
      expect(readyMs).toBeLessThan(POSE_READY_BUDGET_MS);
      expect(statuses).toContain('recovering');
    } finally {
      stop();
      engine.dispose();
      await sleep(200);
    }
  });

  it('with a trained image classifier on the same video too, pose is back first (the classifier still recovering), then both, examples and tensors as before; the times are logged', async () => {
    await until(() => modelCache.inspect().length === 0, 10_000, 'no model alive before');
    const baseline = tf.memory().numTensors;
    const pose = new PoseEngine({ model: 'lightning' }, onMain);
    const classifier = new ClassifierEngine({ features: 'image' }, onMain);
    const count = { pose: 0, classifier: 0 };
    // Every status change and result, timed by its own notification (polling is late while shaders compile).
    const events: { at: number; what: string; programs: number }[] = [];
    const statusOf = { pose: 'idle', classifier: 'idle' };
    const follow = (name: 'pose' | 'classifier', engine: PoseEngine | ClassifierEngine) => [
      engine.subscribe(() => {
        const s = engine.getSnapshot().status;
        if (s === statusOf[name]) return;
        statusOf[name] = s;
        events.push({ at: performance.now(), what: `${name} ${s}`, programs: compiledPrograms() });
      }),
      engine.subscribeResults(() => {
        count[name]++;
        events.push({ at: performance.now(), what: `${name} result`, programs: compiledPrograms() });
      }),
    ];
    const stops = [...follow('pose', pose), ...follow('classifier', classifier)];
    pose.setSource(video);
    classifier.setSource(video);
    // The loop's frames whose tasks are still running (private: a count still for a while is not
    // enough here, where one classifier frame can wait over 1.5 s for its read).
    const framesInFlight = () => (getFrameLoop(video) as unknown as { inFlight: Set<unknown> }).inFlight.size;
    /** numTensors with no frame in flight: the video paused and the loop's last frame finished. */
    const settledTensors = async () => {
      video.pause();
      await until(() => framesInFlight() === 0, 30_000, 'no frame in flight');
      await sleep(200);
      const n = tf.memory().numTensors;
      await video.play();
      return n;
    };
    try {
      await until(() => pose.getSnapshot().status === 'ready' && classifier.getSnapshot().status === 'ready' && count.pose > 2, 90_000, 'both ready');
      for (const label of ['A', 'A', 'B', 'B']) await classifier.addExample(label);
      await until(() => count.classifier > 2, 30_000, 'classifier results');
      const before = await settledTensors();
      const { generation } = backendManager.getSnapshot();
      const ext = gl().getExtension('WEBGL_lose_context')!;
      const lostAt = performance.now();
      events.length = 0;
      const stopBackend = backendManager.subscribe(() => {
        const b = backendManager.getSnapshot();
        if (b.status === 'ready' && b.generation === generation + 1 && !events.some((e) => e.what === 'backend ready')) events.push({ at: performance.now(), what: 'backend ready', programs: compiledPrograms() });
      });
      stops.push(stopBackend);
      ext.loseContext();
      await until(() => events.some((e) => e.what === 'pose recovering'), 2_000, 'pose leaves ready');
      ext.restoreContext();
      await until(() => backendManager.getSnapshot().generation === generation + 1, 10_000, 'the backend re-initialised');
      // A frame in flight at the loss may still publish: only what comes after the new backend counts.
      const after = (what: string) => {
        const restored = events.findIndex((e) => e.what === 'backend ready');
        return restored < 0 ? undefined : events.slice(restored).find((e) => e.what === what);
      };
      await until(() => after('pose result') !== undefined && after('classifier result') !== undefined, 90_000, 'both deliver results again');
      const first = { backend: after('backend ready')!, pose: after('pose result')!, classifier: after('classifier result')!, poseReady: after('pose ready')!, classifierReady: after('classifier ready')! };
      const poseResultsMeanwhile = events.filter((e) => e.what === 'pose result' && e.at > first.backend.at && e.at < first.classifier.at).length;
      const poseResults = events.filter((e) => e.what === 'pose result' && e.at >= first.pose.at);
      const gaps = poseResults.map((e, i) => (i ? e.at - poseResults[i - 1].at : 0));
      const longestEnd = poseResults[gaps.indexOf(Math.max(...gaps))];
      const ms = (e: { at: number }) => `${round(e.at - lostAt)} ms`;
      console.info(
        `context loss with pose and a trained classifier: backend ready ${ms(first.backend)}, pose ready ${ms(first.poseReady)}, first pose result ${ms(first.pose)}, classifier ready ${ms(first.classifierReady)}, ` +
          `first classifier result ${ms(first.classifier)} after the loss (WebGL programs: ${first.poseReady.programs} at pose ready, ${first.classifierReady.programs} at classifier ready, ${first.classifier.programs} after its first frame); ${poseResultsMeanwhile} pose results before the classifier's first, longest pause between two pose results ${round(Math.max(...gaps))} ms, ending ${ms(longestEnd)}; ` +
          `statuses ${events.filter((e) => !e.what.endsWith('result')).map((e) => `${e.what} @${round(e.at - lostAt)}`).join(', ')}`,
      );
      // Pose does not wait for the classifier's reload: its results flow while the classifier is still recovering.
      expect(first.pose.at).toBeLessThan(first.classifierReady.at);
      const classifierWhenPoseResumed = events.filter((e) => e.what.startsWith('classifier ') && !e.what.endsWith('result') && e.at <= first.pose.at).at(-1);
      expect(classifierWhenPoseResumed?.what).toBe('classifier recovering');
      expect(first.poseReady.at).toBeLessThanOrEqual(first.pose.at);
      // Pose is ready again with nothing compiled yet: no known computation on the same renderer,
      // no warm-up on a blank frame; its first real frame compiles its programs.
      expect(first.backend.programs).toBe(0);
      expect(first.poseReady.programs).toBe(0);
      expect(first.pose.at - lostAt).toBeLessThan(POSE_READY_BUDGET_MS);
      expect(pose.getSnapshot().status).toBe('ready');
      expect(classifier.getSnapshot().status).toBe('ready');
      expect(classifier.getSnapshot().classes.map((c) => c.count)).toEqual([2, 2]);
      expect(await settledTensors()).toBe(before);
    } finally {
      for (const stop of stops) stop();
      pose.dispose();
      classifier.dispose();
    }
    await until(() => modelCache.inspect().length === 0, 10_000, 'every model released');
    expect(tf.memory().numTensors).toBe(baseline);
  }, 400_000);
});
