// A WebGL context lost inside the executor's worker (its backend on an OffscreenCanvas) recovers
// as on the main thread (runtime.contextLoss.test.ts): the worker's backend re-creates itself,
// the task goes recovering -> ready, results flow again and the worker's tensors are back where
// they were. The loss is caused through the executor's test-only `simulateContextLoss`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoseEngine } from '@webcam-ml/core/pose';
import { createRuntime, type Runtime } from '@webcam-ml/core/runtime';
import { recordEngine, sleep, until } from './runtime.helpers';
import { playingClip, workerMemory } from './worker.helpers';

/** The worker's tensors once the engine's frames stopped and the last one is done (two equal readings 1 s apart). */
async function tensorsAtRest(engine: PoseEngine, runtime: Runtime): Promise<number> {
  engine.setSource(null);
  let last = -1;
  for (;;) {
    await sleep(1_000);
    const now = (await workerMemory(runtime)).numTensors;
    if (now === last) return now;
    last = now;
  }
}

describe('given pose in a worker on webgl (OffscreenCanvas), then the context lost and restored', () => {
  const runtime = createRuntime({ executor: 'worker', backend: 'webgl', releaseDelayMs: 200 });
  let video: HTMLVideoElement;
  beforeAll(async () => {
    video = await playingClip();
  });
  afterAll(() => {
    video.pause();
    video.remove();
  });

  /** Lose and restore the worker's context; resolves when the engine is ready again (ms after the loss). */
  async function loseAndRestore(engine: PoseEngine): Promise<number> {
    // Seen by subscriptions: polled, a recovery with no known computation to run again and no
    // warm-up can be over in between.
    const backend = runtime.executor!.backend;
    const seen = { engine: false, backend: false };
    const stops = [
      engine.subscribe(() => void (seen.engine ||= engine.getSnapshot().status === 'recovering')),
      backend.subscribe(() => void (seen.backend ||= backend.getSnapshot().status === 'recovering')),
    ];
    try {
      const lostAt = performance.now();
      expect(await runtime.executor!.simulateContextLoss('lose')).toBe(true);
      await until(() => seen.engine, 5_000, 'pose recovering');
      expect(seen.backend).toBe(true);
      expect(await runtime.executor!.simulateContextLoss('restore')).toBe(true);
      await until(() => engine.getSnapshot().status === 'ready', 60_000, 'pose ready again');
      return performance.now() - lostAt;
    } finally {
      for (const stop of stops) stop();
    }
  }

  it('while it tracks: goes recovering -> ready and results flow again, in the same worker, its tensors back at their baseline; the time is logged', async () => {
    const engine = new PoseEngine({ model: 'lightning' }, runtime);
    const { results, statuses, stop } = recordEngine(engine);
    engine.setSource(video);
    try {
      await until(() => engine.getSnapshot().status === 'ready' && results() > 2, 90_000, 'pose ready with results');
      expect(engine.getSnapshot()).toMatchObject({ executor: 'worker', backend: 'webgl' });
      const baseline = await tensorsAtRest(engine, runtime);
      const tracking = results();
      engine.setSource(video);
      await until(() => results() > tracking + 2, 30_000, 'tracking again before the loss');
      const readyMs = await loseAndRestore(engine);
      const mark = results();
      await until(() => results() > mark + 2, 30_000, 'results after the recovery');
      console.info(`worker context loss: pose ready again ${Math.round(readyMs)} ms after the loss; statuses ${statuses.join(' → ')}`);
      expect(statuses.slice(statuses.indexOf('recovering'))).toEqual(['recovering', 'ready']);
      expect(engine.getSnapshot()).toMatchObject({ status: 'ready', error: null, executor: 'worker', backend: 'webgl' });
      expect(runtime.executor!.backend.getSnapshot()).toMatchObject({ status: 'ready', backend: 'webgl' });
      // The worker was not restarted: the recovery happened inside it.
      expect(runtime.executor!.getSnapshot().restarts).toBe(0);
      // The frames in flight at the loss left nothing behind (was: 180 -> 181 or 182, MoveNet's
      // input crop of a frame that ran the old models on the re-created backend and failed).
      expect(await tensorsAtRest(engine, runtime)).toBe(baseline);
    } finally {
      stop();
      engine.dispose();
    }
  });

  // Counted with no frame in flight: on webgl the worker answers between an inference's awaits,
  // when the frame's own tensors are alive.
  it('between frames: the worker tensors are back at their baseline once the models are ready again, and results flow', async () => {
    const engine = new PoseEngine({ model: 'lightning' }, runtime);
    const { results, stop } = recordEngine(engine);
    engine.setSource(video);
    try {
      await until(() => engine.getSnapshot().status === 'ready' && results() > 2, 90_000, 'pose ready with results');
      const baseline = await tensorsAtRest(engine, runtime);
      await loseAndRestore(engine);
      expect(await tensorsAtRest(engine, runtime)).toBe(baseline);
      const mark = results();
      engine.setSource(video);
      await until(() => results() > mark + 2, 30_000, 'results after the recovery');
      expect(runtime.executor!.getSnapshot().restarts).toBe(0);
    } finally {
      stop();
      engine.dispose();
    }
  });
});
