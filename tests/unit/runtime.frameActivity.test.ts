import { afterEach, describe, expect, it } from 'vitest';
import { frameOffered, frameSettled, loopRunning, nextFrameSettled } from '../../packages/core/src/runtime/frameActivity';

const loop = { willOffer: () => true };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => loopRunning(loop, false));

describe('given a loop offering frames, the wait for the next settled frame', () => {
  it('resolves once a frame offered after the call settled', async () => {
    loopRunning(loop, true);
    let done = false;
    void nextFrameSettled(5_000).then(() => (done = true));
    const seq = frameOffered();
    await tick();
    expect(done).toBe(false);
    frameSettled(seq);
    await tick();
    expect(done).toBe(true);
  });

  it('is not resolved by a newer frame settling while an older one still runs (a task that skipped it, while the reloaded model compiles in its first frame; issue 16)', async () => {
    loopRunning(loop, true);
    let done = false;
    void nextFrameSettled(5_000).then(() => (done = true));
    const first = frameOffered();
    const skipped = frameOffered();
    frameSettled(skipped);
    await tick();
    expect(done).toBe(false);
    frameSettled(first);
    await tick();
    expect(done).toBe(true);
  });

  it('resolves at once when no loop will offer a frame', async () => {
    let done = false;
    void nextFrameSettled(5_000).then(() => (done = true));
    await tick();
    expect(done).toBe(true);
  });
});
