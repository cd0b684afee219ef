import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CameraError, constraintsKey, createStreamPool } from '@webcam-ml/core';
import { FakeStream } from './camera.fakes';

function fakeGetUserMedia() {
  const calls: { resolve: (s: FakeStream) => void; reject: (e: unknown) => void; stream: FakeStream }[] = [];
  const getUserMedia = vi.fn(
    () =>
      new Promise<MediaStream>((resolve, reject) => {
        const stream = new FakeStream();
        calls.push({ resolve: (s) => resolve(s as unknown as MediaStream), reject, stream });
      }),
  );
  const grant = (i = calls.length - 1) => calls[i].resolve(calls[i].stream);
  return { getUserMedia, calls, grant };
}

const VIDEO = { video: { width: { ideal: 640 } } };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('given two consumers of the same constraints', () => {
  it('calls getUserMedia once', () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    pool.acquire(VIDEO);
    pool.acquire({ video: { width: { ideal: 640 } } });
    expect(gum.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('shares the stream even when keys are written in another order', () => {
    expect(constraintsKey({ audio: false, video: { width: 1, height: 2 } })).toBe(
      constraintsKey({ video: { height: 2, width: 1, deviceId: undefined }, audio: false }),
    );
  });

  it('gives both the same stream', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const a = pool.acquire(VIDEO);
    const b = pool.acquire(VIDEO);
    gum.grant();
    expect(await a.stream).toBe(await b.stream);
  });

  it('keeps the tracks live while one consumer remains', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const a = pool.acquire(VIDEO);
    pool.acquire(VIDEO);
    gum.grant();
    await a.stream;
    a.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(gum.calls[0].stream.tracks[0].readyState).toBe('live');
  });
});

describe('given different constraints', () => {
  it('opens one stream each', () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    pool.acquire(VIDEO);
    pool.acquire({ video: { deviceId: { exact: 'b' } } });
    expect(gum.getUserMedia).toHaveBeenCalledTimes(2);
  });
});

describe('given the last consumer leaves', () => {
  it('stops every track within 100 ms', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const lease = pool.acquire(VIDEO);
    gum.grant();
    await lease.stream;
    lease.release();
    await vi.advanceTimersByTimeAsync(100);
    expect(gum.calls[0].stream.tracks[0].readyState).toBe('ended');
    expect(pool.size).toBe(0);
  });

  it('caps a longer release delay at 100 ms', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia, releaseDelayMs: 5000 });
    const lease = pool.acquire(VIDEO);
    gum.grant();
    await lease.stream;
    lease.release();
    await vi.advanceTimersByTimeAsync(100);
    expect(gum.calls[0].stream.tracks[0].readyState).toBe('ended');
  });

  it('reuses the stream when a consumer comes back before the delay (StrictMode remount)', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    pool.acquire(VIDEO).release();
    const again = pool.acquire(VIDEO);
    gum.grant();
    await again.stream;
    await vi.advanceTimersByTimeAsync(1000);
    expect(gum.getUserMedia).toHaveBeenCalledTimes(1);
    expect(gum.calls[0].stream.tracks[0].readyState).toBe('live');
  });

  it('counts a double release once', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const a = pool.acquire(VIDEO);
    pool.acquire(VIDEO);
    gum.grant();
    a.release();
    a.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(gum.calls[0].stream.tracks[0].readyState).toBe('live');
  });

  it('asks the camera again for the next consumer', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const lease = pool.acquire(VIDEO);
    gum.grant();
    await lease.stream;
    lease.release();
    await vi.advanceTimersByTimeAsync(100);
    pool.acquire(VIDEO);
    expect(gum.getUserMedia).toHaveBeenCalledTimes(2);
  });
});

describe('given a stream that arrives after its consumer left', () => {
  it('stops its tracks at once', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const lease = pool.acquire(VIDEO);
    lease.stream.catch(() => {});
    lease.release();
    await vi.advanceTimersByTimeAsync(100);
    gum.grant();
    await vi.advanceTimersByTimeAsync(0);
    expect(gum.calls[0].stream.tracks[0].readyState).toBe('ended');
  });

  it('stops it at once when it arrives within the release delay, nobody having come back', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const lease = pool.acquire(VIDEO);
    lease.stream.catch(() => {});
    lease.release();
    gum.grant();
    await vi.advanceTimersByTimeAsync(0);
    expect(gum.calls[0].stream.tracks[0].readyState).toBe('ended');
    expect(pool.size).toBe(0);
  });

  it('rejects the abandoned lease with aborted', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const lease = pool.acquire(VIDEO);
    const settled = lease.stream.then(
      () => null,
      (e: CameraError) => e.code,
    );
    lease.release();
    await vi.advanceTimersByTimeAsync(100);
    gum.grant();
    expect(await settled).toBe('aborted');
  });
});

describe('given getUserMedia fails', () => {
  it('rejects every waiting consumer with a CameraError', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const a = pool.acquire(VIDEO);
    const b = pool.acquire(VIDEO);
    gum.calls[0].reject(new DOMException('denied', 'NotAllowedError'));
    await expect(a.stream).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(b.stream).rejects.toBeInstanceOf(CameraError);
  });

  it('tries again on the next acquire', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const a = pool.acquire(VIDEO);
    gum.calls[0].reject(new DOMException('busy', 'NotReadableError'));
    await a.stream.catch(() => {});
    pool.acquire(VIDEO);
    expect(gum.getUserMedia).toHaveBeenCalledTimes(2);
  });
});

describe('given a track that ends by itself', () => {
  it('opens a new stream for the next acquire', async () => {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const lease = pool.acquire(VIDEO);
    gum.grant();
    await lease.stream;
    gum.calls[0].stream.tracks[0].unplug();
    pool.acquire(VIDEO);
    expect(gum.getUserMedia).toHaveBeenCalledTimes(2);
  });
});

describe('given a stream whose tracks other code stopped (no ended event fires)', () => {
  /** A pool with one granted lease whose only track was then stopped by someone else. */
  async function deadStream() {
    const gum = fakeGetUserMedia();
    const pool = createStreamPool({ getUserMedia: gum.getUserMedia });
    const lease = pool.acquire(VIDEO);
    gum.grant();
    const stream = await lease.stream;
    gum.calls[0].stream.tracks[0].stop();
    return { gum, pool, lease, stream };
  }

  it('opens a new stream for the next acquire while a consumer still holds the dead one', async () => {
    const { gum, pool, stream } = await deadStream();
    const next = pool.acquire(VIDEO);
    gum.grant();
    expect(gum.getUserMedia).toHaveBeenCalledTimes(2);
    expect(await next.stream).not.toBe(stream);
  });

  it('opens a new stream for a consumer that comes back within the release delay', async () => {
    const { gum, pool, lease } = await deadStream();
    lease.release();
    pool.acquire(VIDEO);
    expect(gum.getUserMedia).toHaveBeenCalledTimes(2);
  });

  it('lets the last holder of the dead stream leave without stopping the new one', async () => {
    const { gum, pool, lease } = await deadStream();
    const next = pool.acquire(VIDEO);
    gum.grant();
    await next.stream;
    lease.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(gum.calls[1].stream.tracks[0].readyState).toBe('live');
    expect(pool.size).toBe(1);
  });
});

describe('given getUserMedia is replaced (a fake camera installed) while a request is pending', () => {
  it('asks the new one instead of sharing the old request', () => {
    const first = vi.fn(() => new Promise<MediaStream>(() => {}));
    const second = vi.fn(() => new Promise<MediaStream>(() => {}));
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: first }, configurable: true });
    const pool = createStreamPool();
    pool.acquire(VIDEO).release();
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia: second }, configurable: true });
    pool.acquire(VIDEO);
    delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
  });
});

describe('given no camera API', () => {
  it('rejects with unsupported', async () => {
    const pool = createStreamPool();
    await expect(pool.acquire(VIDEO).stream).rejects.toMatchObject({ code: 'unsupported' });
  });
});
