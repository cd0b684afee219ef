import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { PoseEngine } from '@webcam-ml/core/pose';
import { createRuntime } from '@webcam-ml/core/runtime';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { PoseProbe, playingClip, workerMemory } from './worker.helpers';

afterEach(() => {
  cleanup();
  document.querySelectorAll('video').forEach((v) => v.remove());
});

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('given pose running in the worker on a playing video', () => {
  it('never holds more than the running and the pending frame, and leaves no ImageBitmap open', async () => {
    const video = await playingClip();
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 5_000 });
    const engine = new PoseEngine({}, runtime);
    let results = 0;
    const stop = engine.subscribeResults(() => results++);
    engine.setSource(video);
    await expect.poll(() => results, { timeout: 60_000 }).toBeGreaterThan(2);
    let most = 0;
    const until = results + 30;
    while (results < until) {
      const memory = await workerMemory(runtime);
      most = Math.max(most, memory.openBitmaps + memory.bitmapsInHand);
      await new Promise((r) => setTimeout(r, 15));
    }
    // One frame being inferred, one pending (the newest) and at most one on its way.
    expect(most).toBeLessThanOrEqual(3);
    stop();
    engine.dispose();
    await settle();
    expect(await workerMemory(runtime)).toMatchObject({ openBitmaps: 0, bitmapsInHand: 0 });
    // The main thread ran no TF.js at all.
    expect((await runtime.memory!()).main.numTensors).toBe(0);
  });

  it('has the same worker numTensors after 50 mount/unmount cycles as after the first', async () => {
    const video = await playingClip();
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 5_000 });
    const cycle = async () => {
      const view = render(
        <StrictMode>
          <WebcamMLProvider runtime={runtime}>
            <PoseProbe video={video} onState={() => {}} />
          </WebcamMLProvider>
        </StrictMode>,
      );
      await screen.findByText('ready|worker|1', {}, { timeout: 60_000 });
      view.unmount();
      await settle();
    };
    await cycle();
    const baseline = await workerMemory(runtime);
    for (let i = 1; i < 50; i++) await cycle();
    const after = await workerMemory(runtime);
    expect(after.numTensors).toBe(baseline.numTensors);
    expect(after.openBitmaps).toBe(0);
    expect(runtime.executor!.getSnapshot().restarts).toBe(0);
  });
});
