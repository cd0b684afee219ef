import { StrictMode, useEffect, useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { backendManager, clearPersistentCache, configure, modelCache, ModelLoadError, type ModelEntryState, type ModelSpec } from '@webcam-ml/core/runtime';
import { countRequests, moveNetSpec, sleep, until } from './runtime.helpers';

/** A widget using a model the way engines do: acquire in an effect, release in the cleanup. */
function ModelWidget<T>({ spec, name, onState }: { spec: ModelSpec<T>; name: string; onState?: (s: ModelEntryState<T>) => void }) {
  const [state, setState] = useState<ModelEntryState<T> | null>(null);
  useEffect(() => {
    const lease = modelCache.acquire(spec);
    const update = () => {
      setState(lease.getSnapshot());
      onState?.(lease.getSnapshot());
    };
    update();
    const stop = lease.subscribe(update);
    return () => {
      stop();
      lease.release();
    };
  }, [spec, onState]);
  const error = state?.error;
  return (
    <output aria-label={name}>
      {state?.status ?? 'idle'}
      {error instanceof ModelLoadError ? ` ${error.reason}` : ''}
    </output>
  );
}

beforeAll(async () => {
  configure({ backend: 'auto', releaseDelayMs: 300 });
  await backendManager.acquire();
});

afterEach(async () => {
  cleanup();
  configure({ modelBaseUrl: '/models/' });
  await sleep(400);
});

describe('given two widgets using MoveNet under StrictMode', () => {
  it('downloads model.json and the weight shard exactly once', async () => {
    const requests = countRequests();
    const spec = moveNetSpec('pose/movenet-lightning.json', 'test:strict-once');
    try {
      render(
        <StrictMode>
          <ModelWidget spec={spec} name="first" />
          <ModelWidget spec={spec} name="second" />
        </StrictMode>,
      );
      await until(() => screen.getByLabelText('first').textContent === 'ready' && screen.getByLabelText('second').textContent === 'ready', 30_000, 'ready');
      expect(requests.counts().get('/models/pose/movenet-lightning.json')).toBe(1);
      expect(requests.counts().get('/models/pose/movenet-lightning.bin')).toBe(1);
      expect(spec.loads).toBe(1);
    } finally {
      requests.restore();
    }
  });

  it('reports byte progress up to the full size before ready', async () => {
    const spec = moveNetSpec('pose/movenet-lightning.json', 'test:progress');
    const seen: ModelEntryState<GraphModel>['progress'][] = [];
    render(
      <StrictMode>
        <ModelWidget spec={spec} name="progress" onState={(s) => seen.push(s.progress)} />
      </StrictMode>,
    );
    await until(() => screen.getByLabelText('progress').textContent === 'ready', 30_000, 'ready');
    const last = seen[seen.length - 1];
    // model.json (161 813 bytes) + movenet-lightning.bin (4 650 216 bytes), from manifest.json
    expect(last).toEqual({ loaded: 161_813 + 4_650_216, total: 161_813 + 4_650_216 });
    expect(seen.some((p) => p.loaded > 0 && p.loaded < p.total)).toBe(true);
  });

  it('gives both widgets the same model instance', async () => {
    const spec = moveNetSpec('pose/movenet-lightning.json', 'test:same-instance');
    const a = modelCache.acquire(spec);
    const b = modelCache.acquire(spec);
    const [ma, mb] = await Promise.all([a.ready(), b.ready()]);
    expect(ma).toBe(mb);
    a.release();
    b.release();
  });
});

describe('given every consumer unmounted', () => {
  it('disposes the model after the release delay: numTensors returns to its baseline', async () => {
    const baseline = tf.memory().numTensors;
    const spec = moveNetSpec('pose/movenet-lightning.json', 'test:baseline');
    const view = render(
      <StrictMode>
        <ModelWidget spec={spec} name="a" />
        <ModelWidget spec={spec} name="b" />
      </StrictMode>,
    );
    await until(() => screen.getByLabelText('a').textContent === 'ready', 30_000, 'ready');
    expect(tf.memory().numTensors).toBeGreaterThan(baseline);
    view.unmount();
    await sleep(500);
    expect(modelCache.inspect().filter((e) => e.key === spec.key)).toEqual([]);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('aborts a load still running and keeps nothing', async () => {
    const baseline = tf.memory().numTensors;
    const spec = moveNetSpec('pose/movenet-thunder.json', 'test:abort');
    const signals: AbortSignal[] = [];
    const original = globalThis.fetch;
    // A shard that never arrives (a slow network): only the abort can end its request.
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input).endsWith('.bin')) return original(input, init);
      const signal = init?.signal;
      if (signal) signals.push(signal);
      return new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    };
    try {
      const lease = modelCache.acquire(spec);
      await until(() => signals.length > 0, 10_000, 'the shard request');
      lease.release();
      await sleep(100);
      expect(signals[0].aborted).toBe(false); // still inside the release delay
      await until(() => signals[0].aborted, 2_000, 'abort');
      await sleep(50);
      expect(modelCache.inspect().filter((e) => e.key === spec.key)).toEqual([]);
      expect(tf.memory().numTensors).toBe(baseline);
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe('given broken model files', () => {
  const cases = [
    ['a missing file', 'missing/model.json', 'not-found'],
    ['an HTML page instead of model.json', 'html/model.json', 'html'],
    ['a truncated weight shard', 'truncated/model.json', 'truncated'],
    ['a shard whose sha256 differs from manifest.json', 'checksum/model.json', 'checksum'],
  ] as const;
  for (const [situation, path, reason] of cases) {
    it(`shows ModelLoadError '${reason}' for ${situation}`, async () => {
      configure({ modelBaseUrl: '/test-bad-models/' });
      const spec = moveNetSpec(path, `test:bad:${path}`);
      const states: ModelEntryState<GraphModel>[] = [];
      render(
        <StrictMode>
          <ModelWidget spec={spec} name="bad" onState={(s) => states.push(s)} />
        </StrictMode>,
      );
      await until(() => screen.getByLabelText('bad').textContent !== 'loading', 10_000, 'an outcome');
      expect(screen.getByLabelText('bad').textContent).toBe(`error ${reason}`);
      const error = states[states.length - 1].error as ModelLoadError;
      expect(error.url).toMatch(new RegExp(`/test-bad-models/${path.split('/')[0]}/`));
      expect(error.message).toContain(error.url);
    });
  }
});

describe('given persistentCache: true', () => {
  it('serves files verified on an earlier load from IndexedDB, without a request', async () => {
    await clearPersistentCache();
    configure({ persistentCache: true });
    const spec = moveNetSpec('pose/movenet-lightning.json', 'test:persistent');
    try {
      const first = modelCache.acquire(spec);
      await first.ready();
      await sleep(300); // the store write runs after the load
      first.release();
      await sleep(400);
      expect(modelCache.inspect().filter((e) => e.key === spec.key)).toEqual([]);
      const requests = countRequests();
      try {
        const second = modelCache.acquire(spec);
        await second.ready();
        second.release();
        expect(requests.counts().get('/models/pose/movenet-lightning.bin')).toBeUndefined();
        expect(requests.counts().get('/models/pose/movenet-lightning.json')).toBeUndefined();
        expect(spec.loads).toBe(2);
      } finally {
        requests.restore();
      }
    } finally {
      configure({ persistentCache: false });
      await clearPersistentCache();
    }
  });
});
