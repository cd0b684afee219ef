// One contract, every task (issue 11): each behaviour below runs against every entry of TASKS
// (task-contract.cases.tsx), so a new task joins the suite with one line there.
import { StrictMode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { onMain, render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import { backendManager, createRuntime, type Frame } from '@webcam-ml/core/runtime';
import { loadImage, loadVideo } from '../../bench/lib/page';
import { modelsOf, TASKS, type ContractEngine } from './task-contract.cases';
import { liveModels, onWasmWithShortRelease } from './reliability.helpers';
import { sleep, until } from './runtime.helpers';

onWasmWithShortRelease(100);

let video: HTMLVideoElement;
beforeAll(async () => {
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
  video.loop = true;
  await video.play();
});
afterAll(() => {
  video.remove();
});

/** Subscribe (the engine runs), count published results, and stop everything afterwards. */
function watch(engine: ContractEngine) {
  let results = 0;
  const stopState = engine.subscribe(() => {});
  const stopResults = engine.subscribeResults(() => results++);
  return {
    results: () => results,
    stop: () => {
      stopResults();
      stopState();
      engine.dispose();
    },
  };
}

describe.each(TASKS)('given the $name task on the shared contract', (task) => {
  it('never publishes a frame that was in flight when the source changed', async () => {
    const still = await loadImage(task.still);
    const engine = task.create(task.base, onMain);
    const w = watch(engine);
    try {
      await engine.ready();
      const other = await loadImage('/fixtures/face/white.png');
      const inFlight = engine.estimate(still as never, 0);
      engine.setSource(other);
      await inFlight;
      expect(task.isEmpty(engine.getSnapshot())).toBe(true);
      expect(engine.getSnapshot().timestamp).toBeNull();
      expect(w.results()).toBe(0);
      other.remove();
    } finally {
      w.stop();
      still.remove();
    }
  });

  it('treats options as the whole truth: one left out goes back to its default', () => {
    const engine = task.create({ ...task.base, ...task.sticky.options }, onMain);
    engine.setOptions(task.base as never);
    expect((engine as unknown as { getOptions: () => object }).getOptions()).toMatchObject(task.sticky.defaults);
    engine.dispose();
  });

  // Only tasks with an option that needs a model of its own have this case (not a skipped test).
  const extraModel = task.extraModel;
  if (extraModel) it('releases the model an option needed once that option is left out', async () => {
    const extra = extraModel;
    const engine = task.create({ ...task.base, ...extra.options }, onMain);
    const w = watch(engine);
    try {
      await until(() => engine.getSnapshot().status === 'ready', 60_000, 'ready with the extra model');
      expect(liveModels(extra.keyPrefix).map((m) => m.references)).toEqual([1]);
      engine.setOptions(task.base as never);
      await until(() => engine.getSnapshot().status === 'ready', 60_000, 'ready without it');
      expect(liveModels(extra.keyPrefix).every((m) => m.references === 0)).toBe(true);
    } finally {
      w.stop();
    }
  });

  it('estimates a still image again after a result-affecting option changed', async () => {
    const still = await loadImage(task.still);
    const engine = task.create(task.base, onMain);
    const w = watch(engine);
    try {
      engine.setSource(still);
      await until(() => w.results() >= 1, 60_000, 'the first result');
      await sleep(300);
      const before = w.results();
      engine.setOptions({ ...task.base, ...task.resultChange } as never);
      await until(() => w.results() > before, 30_000, 'a result under the new options');
    } finally {
      w.stop();
      still.remove();
    }
  });

  it('records an inference error in the state and clears it with the next good frame', async () => {
    const still = await loadImage(task.still);
    const engine = task.create(task.base, onMain);
    const w = watch(engine);
    try {
      await engine.ready();
      const broken: Frame = {
        source: still,
        width: still.naturalWidth,
        height: still.naturalHeight,
        timestamp: 0,
        index: 0,
        pixels: () => {
          throw new Error('the frame could not be read');
        },
      };
      await expect(engine.estimate(broken as never)).rejects.toMatchObject({ code: expect.any(String) });
      expect(engine.getSnapshot()).toMatchObject({ status: 'error', error: expect.objectContaining({ message: expect.stringContaining('could not be read') }) });
      await engine.estimate(still as never, 33);
      expect(engine.getSnapshot()).toMatchObject({ status: 'ready', error: null });
    } finally {
      w.stop();
      still.remove();
    }
  });

  it('ends in ready with results flowing after a backend switch and a recovery with frames in flight', async () => {
    const engine = task.create(task.base, onMain);
    const w = watch(engine);
    try {
      engine.setSource(video);
      await until(() => w.results() >= 2, 60_000, 'results on wasm');
      await backendManager.use('cpu');
      let mark = w.results();
      await until(() => engine.getSnapshot().status === 'ready' && w.results() > mark, 90_000, 'results on cpu');
      await backendManager.use('wasm');
      // A lost context, as the backend manager recovers from it: the same backend re-created.
      const recovering = backendManager.recover('test: simulated context loss');
      await recovering;
      mark = w.results();
      await until(() => engine.getSnapshot().status === 'ready' && w.results() > mark + 1, 60_000, 'results after the recovery');
      expect(engine.getSnapshot().error).toBeNull();
    } finally {
      w.stop();
      await backendManager.use('wasm');
    }
  });

  it('retries a model that was missing once the file exists (retry())', async () => {
    let served = false;
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/contract-missing/')) {
        if (!served) return Promise.resolve(new Response('not here', { status: 404 }));
        return realFetch(url.replace('/contract-missing/', '/models/'), init);
      }
      return realFetch(input, init);
    };
    const engine = task.create(task.base, createRuntime({ modelBaseUrl: '/contract-missing/', releaseDelayMs: 100, executor: 'main' }));
    const w = watch(engine);
    try {
      await until(() => engine.getSnapshot().status === 'error', 30_000, 'the 404 in the state');
      served = true;
      engine.retry();
      await until(() => engine.getSnapshot().status === 'ready', 60_000, 'ready after retry()');
    } finally {
      w.stop();
      window.fetch = realFetch;
    }
  });

  it('leaves numTensors where it was once its exercise is done and it is disposed', async () => {
    const still = await loadImage(task.still);
    await until(() => modelsOf(task).length === 0, 10_000, 'no model of the task alive');
    const before = tf.memory().numTensors;
    const engine = task.create(task.base, onMain);
    const w = watch(engine);
    try {
      await engine.ready();
      await task.exercise(engine, still);
    } finally {
      w.stop();
      still.remove();
    }
    await until(() => modelsOf(task).length === 0, 10_000, 'every model released');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('survives 50 mount/unmount cycles under StrictMode with nothing left behind', async () => {
    const still = await loadImage(task.still);
    const { Hook } = task;
    try {
      for (let i = 0; i < 50; i++) {
        const { unmount } = render(
          <StrictMode>
            <Hook source={still} />
          </StrictMode>,
        );
        if (i % 10 === 0) await sleep(20);
        unmount();
      }
      await until(() => modelsOf(task).length === 0, 15_000, 'every model released');
    } finally {
      cleanup();
      still.remove();
    }
  });

  it('renders a status-only consumer a bounded number of times over 100 frames', async () => {
    let frames = 0;
    let renders = 0;
    const { Hook } = task;
    render(
      <StrictMode>
        <Hook source={video} statusOnly onResult={() => frames++} onRender={() => renders++} />
      </StrictMode>,
    );
    await until(() => frames >= 100, 180_000, '100 frames');
    // StrictMode renders twice; idle -> loading -> ready is a handful of renders, not one per frame.
    expect(renders).toBeLessThanOrEqual(12);
    cleanup();
  });
});
