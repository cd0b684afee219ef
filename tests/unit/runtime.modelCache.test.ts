import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, getConfig, ModelCache, ModelLoadError, type LoadContext, type ModelSpec } from '@webcam-ml/core/runtime';
import type { ModelSettings } from '../../packages/core/src/runtime/ModelCache';
import { clearServedManifest } from '../../packages/core/src/runtime/manifest';
import { liveDownloads } from '../../packages/core/src/runtime/downloads';
import { FakeBackend, fakeServer, tick, type FakeServer } from './runtime.fakes';

const weights = new Uint8Array(4000).map((_, i) => i % 251);
const modelJson = JSON.stringify({
  format: 'graph-model',
  modelTopology: {},
  weightsManifest: [{ paths: ['m.bin'], weights: [{ name: 'w', shape: [1000], dtype: 'float32' }] }],
});
const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

interface FakeModel {
  id: number;
  bytes: number;
}

let nextId = 0;
/** A spec that fetches model.json and its shard through the context, like loadGraphModel does. */
function spec(key = 'm', path = 'm/model.json', over: Partial<ModelSpec<FakeModel>> = {}) {
  const calls = { load: 0, dispose: [] as number[], contexts: [] as LoadContext[] };
  const s: ModelSpec<FakeModel> = {
    key,
    load: async (ctx) => {
      calls.load++;
      calls.contexts.push(ctx);
      const json = await (await ctx.fetch(ctx.resolveUrl(path))).json();
      const shard = new URL(json.weightsManifest[0].paths[0], ctx.resolveUrl(path)).href;
      const bin = await (await ctx.fetch(shard)).arrayBuffer();
      return { id: nextId++, bytes: bin.byteLength };
    },
    dispose: (m) => void calls.dispose.push(m.id),
    ...over,
  };
  return { spec: s, calls };
}

let server: FakeServer;
let backend: FakeBackend;
let cache: ModelCache;

function serve(files: Parameters<typeof fakeServer>[0]) {
  server = fakeServer(files);
  vi.stubGlobal('fetch', server.fetch);
}

beforeEach(() => {
  configure({ modelBaseUrl: `/models-${Math.random().toString(36).slice(2)}/`, releaseDelayMs: 20 });
  backend = new FakeBackend();
  cache = new ModelCache(backend);
});

afterEach(() => {
  cache.clear();
  vi.unstubAllGlobals();
  configure({ modelBaseUrl: '/models/', releaseDelayMs: 1000 });
});

describe('given two leases on one model', () => {
  beforeEach(async () => {
    const { getConfig } = await import('@webcam-ml/core/runtime');
    const b = getConfig().modelBaseUrl;
    serve({ [`${b}m/model.json`]: { body: modelJson, type: 'application/json' }, [`${b}m/m.bin`]: { body: weights } });
  });

  it('loads once and fetches each file once', async () => {
    const { spec: s, calls } = spec();
    const a = cache.acquire(s);
    const b = cache.acquire(s);
    const [ma, mb] = await Promise.all([a.ready(), b.ready()]);
    expect(ma).toBe(mb);
    expect(calls.load).toBe(1);
    expect(server.requests.filter((r) => r.endsWith('.json') && !r.endsWith('manifest.json'))).toHaveLength(1);
    expect(server.requests.filter((r) => r.endsWith('m.bin'))).toHaveLength(1);
  });

  it('counts the weight bytes declared by model.json into the progress total', async () => {
    const { spec: s } = spec();
    const lease = cache.acquire(s);
    await lease.ready();
    expect(lease.getSnapshot().progress).toEqual({ loaded: modelJson.length + 4000, total: modelJson.length + 4000 });
  });

  it('disposes the model once, a delay after the last release', async () => {
    const { spec: s, calls } = spec();
    const a = cache.acquire(s);
    const b = cache.acquire(s);
    await a.ready();
    a.release();
    b.release();
    b.release(); // a second release of one lease is ignored
    expect(calls.dispose).toEqual([]);
    await tick(40);
    expect(calls.dispose).toHaveLength(1);
    expect(cache.inspect()).toEqual([]);
    expect(backend.refs).toBe(0);
  });

  it('reuses the model when a new lease comes within the delay (StrictMode remount)', async () => {
    const { spec: s, calls } = spec();
    const a = cache.acquire(s);
    const first = await a.ready();
    a.release();
    await tick(5);
    const b = cache.acquire(s);
    expect(await b.ready()).toBe(first);
    await tick(40);
    expect(calls.load).toBe(1);
    expect(calls.dispose).toEqual([]);
    b.release();
  });

  it('waits for the backend before loading', async () => {
    backend.set({ status: 'selecting' });
    const { spec: s, calls } = spec();
    const lease = cache.acquire(s);
    await tick(10);
    expect(calls.load).toBe(0);
    backend.set({ status: 'ready' });
    await lease.ready();
    expect(calls.load).toBe(1);
    lease.release();
  });

  it('downloads a model that starts before the backend while the backend initialises, and builds it only once the backend is ready', async () => {
    backend.set({ status: 'selecting' });
    const built: string[] = [];
    const { spec: s } = spec('early', 'm/model.json', {
      startsBeforeBackend: true,
      load: async (ctx) => {
        const bin = await ctx.bytes('m/m.bin');
        built.push(`downloaded, backend ${backend.getSnapshot().status}`);
        await ctx.backendReady();
        built.push(`built, backend ${backend.getSnapshot().status}`);
        return { id: nextId++, bytes: bin.byteLength };
      },
    });
    const lease = cache.acquire(s);
    await tick(10);
    expect(server.requests.filter((r) => r.endsWith('m.bin'))).toHaveLength(1);
    expect(built).toEqual(['downloaded, backend selecting']);
    expect(lease.getSnapshot().status).toBe('loading');
    backend.set({ status: 'ready' });
    expect((await lease.ready()).bytes).toBe(weights.byteLength);
    expect(built).toEqual(['downloaded, backend selecting', 'built, backend ready']);
    lease.release();
  });

  it('fails a model that starts before the backend with the backend\'s error when none works', async () => {
    backend.set({ status: 'selecting' });
    const { spec: s } = spec('early-fail', 'm/model.json', {
      startsBeforeBackend: true,
      load: async (ctx) => {
        await ctx.bytes('m/m.bin');
        await ctx.backendReady();
        return { id: nextId++, bytes: 0 };
      },
    });
    const lease = cache.acquire(s);
    await tick(10);
    backend.set({ status: 'error', error: new Error('no backend works here') });
    await expect(lease.ready()).rejects.toThrow('no backend works here');
    lease.release();
  });

  it('reloads on a new backend generation, disposing the old model, and notifies the lease', async () => {
    backend.set({ backend: 'webgl' });
    const { spec: s, calls } = spec();
    const lease = cache.acquire(s);
    const first = await lease.ready();
    const listener = vi.fn();
    lease.subscribe(listener);
    backend.set({ status: 'recovering' });
    backend.set({ status: 'ready', generation: 1 });
    expect(lease.getSnapshot().status).toBe('loading');
    const second = await lease.ready();
    expect(second).not.toBe(first);
    expect(calls.dispose).toEqual([first.id]);
    expect(listener).toHaveBeenCalled();
    // On webgl the bytes were kept for the reload: no second download.
    expect(server.requests.filter((r) => r.endsWith('m.bin'))).toHaveLength(1);
    lease.release();
  });

  it('tells the load whether it brings back a model lost with its backend (ctx.reloading: a pose model then skips its warm-up)', async () => {
    backend.set({ backend: 'webgl' });
    const { spec: s, calls } = spec();
    const lease = cache.acquire(s);
    await lease.ready();
    backend.set({ status: 'recovering' });
    backend.set({ status: 'ready', generation: 1 });
    await lease.ready();
    // A model first acquired after the recovery is a first load.
    const o = spec('other');
    const other = cache.acquire(o.spec);
    await other.ready();
    expect(calls.contexts.map((c) => c.reloading)).toEqual([false, true]);
    expect(o.calls.contexts.map((c) => c.reloading)).toEqual([false]);
    lease.release();
    other.release();
  });

  it('shares a download between two models that fetch the same URL at once', async () => {
    const a = cache.acquire(spec('a').spec);
    const b = cache.acquire(spec('b').spec);
    await Promise.all([a.ready(), b.ready()]);
    expect(server.requests.filter((r) => r.endsWith('m.bin'))).toHaveLength(1);
    a.release();
    b.release();
  });
});

describe('given the last lease released while the shard is downloading', () => {
  it('aborts the request after the delay and never resolves a model', async () => {
    const { getConfig } = await import('@webcam-ml/core/runtime');
    const b = getConfig().modelBaseUrl;
    serve({ [`${b}m/model.json`]: { body: modelJson, type: 'application/json' }, [`${b}m/m.bin`]: { body: weights } });
    server.hold(`${b}m/m.bin`);
    const { spec: s, calls } = spec();
    const lease = cache.acquire(s);
    while (!server.signals.has(`${b}m/m.bin`)) await tick(2);
    lease.release();
    expect(server.signals.get(`${b}m/m.bin`)!.aborted).toBe(false);
    await tick(40);
    expect(server.signals.get(`${b}m/m.bin`)!.aborted).toBe(true);
    expect(calls.contexts[0].signal.aborted).toBe(true);
    await tick(5);
    expect(calls.dispose).toEqual([]);
    expect(cache.inspect()).toEqual([]);
  });
});

describe('given broken files', () => {
  async function loadError(files: Parameters<typeof fakeServer>[0]): Promise<ModelLoadError> {
    serve(files);
    const lease = cache.acquire(spec().spec);
    const error = await lease.ready().then(
      () => null,
      (e: unknown) => e,
    );
    lease.release();
    expect(error).toBeInstanceOf(ModelLoadError);
    return error as ModelLoadError;
  }
  const b = () => (globalThis as { __b?: string }).__b!;
  beforeEach(async () => {
    const { getConfig } = await import('@webcam-ml/core/runtime');
    (globalThis as { __b?: string }).__b = getConfig().modelBaseUrl;
  });

  it('a 404 gives not-found with the URL', async () => {
    const error = await loadError({});
    expect(error).toMatchObject({ reason: 'not-found', status: 404, url: new URL(`${b()}m/model.json`, location.href).href });
  });

  it('a server error gives http', async () => {
    const error = await loadError({ [`${b()}m/model.json`]: { body: 'oops', status: 500, type: 'text/plain' } });
    expect(error.reason).toBe('http');
  });

  it('an HTML page with a JSON content type gives html', async () => {
    const error = await loadError({ [`${b()}m/model.json`]: { body: '<!DOCTYPE html><html></html>', type: 'application/json' } });
    expect(error.reason).toBe('html');
  });

  it('a text/html response gives html', async () => {
    const error = await loadError({ [`${b()}m/model.json`]: { body: '{}', type: 'text/html; charset=utf-8' } });
    expect(error.reason).toBe('html');
  });

  it('invalid JSON gives parse', async () => {
    const error = await loadError({ [`${b()}m/model.json`]: { body: '{"format": ', type: 'application/json' } });
    expect(error.reason).toBe('parse');
  });

  it('a shard shorter than the weights manifest declares gives truncated', async () => {
    const error = await loadError({
      [`${b()}m/model.json`]: { body: modelJson, type: 'application/json' },
      [`${b()}m/m.bin`]: { body: weights.subarray(0, 1000) },
    });
    expect(error).toMatchObject({ reason: 'truncated', url: expect.stringMatching(/m\/m\.bin$/) });
  });

  it('a shard shorter than manifest.json says gives truncated', async () => {
    const manifest = { files: [{ file: 'm/m.bin', bytes: 8000, sha256: sha(weights) }] };
    const error = await loadError({
      [`${b()}manifest.json`]: { body: JSON.stringify(manifest), type: 'application/json' },
      [`${b()}m/model.json`]: { body: modelJson, type: 'application/json' },
      [`${b()}m/m.bin`]: { body: weights },
    });
    expect(error.reason).toBe('truncated');
    expect(error.message).toMatch(/4000 of 8000 bytes \(manifest\.json\)/);
  });

  it('a shard whose sha256 differs from manifest.json gives checksum', async () => {
    const manifest = { files: [{ file: 'm/m.bin', bytes: 4000, sha256: sha('something else') }] };
    const error = await loadError({
      [`${b()}manifest.json`]: { body: JSON.stringify(manifest), type: 'application/json' },
      [`${b()}m/model.json`]: { body: modelJson, type: 'application/json' },
      [`${b()}m/m.bin`]: { body: weights },
    });
    expect(error.reason).toBe('checksum');
  });

  it('a shard matching manifest.json loads', async () => {
    serve({
      [`${b()}manifest.json`]: { body: JSON.stringify({ files: [{ file: 'm/m.bin', bytes: 4000, sha256: sha(weights) }] }), type: 'application/json' },
      [`${b()}m/model.json`]: { body: modelJson, type: 'application/json' },
      [`${b()}m/m.bin`]: { body: weights },
    });
    const lease = cache.acquire(spec().spec);
    await expect(lease.ready()).resolves.toMatchObject({ bytes: 4000 });
    lease.release();
  });

  it('retries the load when a consumer comes back after a failure', async () => {
    await loadError({});
    const files = {
      [`${b()}m/model.json`]: { body: modelJson, type: 'application/json' },
      [`${b()}m/m.bin`]: { body: weights },
    };
    serve(files);
    const lease = cache.acquire(spec().spec);
    await expect(lease.ready()).resolves.toMatchObject({ bytes: 4000 });
    lease.release();
  });

  it('a network failure gives network', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const lease = cache.acquire(spec().spec);
    await expect(lease.ready()).rejects.toMatchObject({ reason: 'network' });
    lease.release();
  });
});

describe('given manifest.json faults (issue 16: a failed manifest used to switch verification off)', () => {
  const altered = weights.slice();
  altered[100] ^= 1;
  const manifest = () => JSON.stringify({ files: [{ file: 'm/m.bin', bytes: 4000, sha256: sha(weights) }] });
  let base: string;
  let manifestAnswers: { status: number }[];
  /** The folder with the altered shard; manifest.json answers each status of `answers` in turn, then 200. */
  function folder(answers: number[], { alwaysFail = false } = {}) {
    manifestAnswers = [];
    const inner = fakeServer({
      [`${base}m/model.json`]: { body: modelJson, type: 'application/json' },
      [`${base}m/m.bin`]: { body: altered },
      [`${base}manifest.json`]: { body: manifest(), type: 'application/json' },
    });
    server = {
      ...inner,
      fetch: (input, init) => {
        if (new URL(String(input)).pathname === `${base}manifest.json`) {
          const status = alwaysFail ? answers[0] : (answers[manifestAnswers.length] ?? 200);
          manifestAnswers.push({ status });
          if (status !== 200) return Promise.resolve(new Response('no', { status, headers: { 'content-type': 'text/plain' } }));
        }
        return inner.fetch(input, init);
      },
    };
    vi.stubGlobal('fetch', server.fetch);
  }
  const settings = (over: Partial<ModelSettings> = {}): ModelSettings => ({ ...getConfig(), ...over });
  const settle = async (lease: { ready: () => Promise<FakeModel> }) =>
    lease.ready().then(
      (m) => m,
      (e: unknown) => e as ModelLoadError,
    );

  beforeEach(() => {
    base = getConfig().modelBaseUrl;
  });

  it('a 503 is retried and the altered shard is rejected (checksum), and a second model is checked too', async () => {
    folder([503]);
    const first = cache.acquire(spec('a').spec);
    expect(await settle(first)).toMatchObject({ reason: 'checksum' });
    expect(manifestAnswers.map((a) => a.status)).toEqual([503, 200]);
    const second = cache.acquire(spec('b').spec);
    expect(await settle(second)).toMatchObject({ reason: 'checksum' });
    first.release();
    second.release();
  });

  it('a manifest that keeps answering 503 fails the load with manifest-unavailable after a bounded retry', async () => {
    folder([503], { alwaysFail: true });
    const lease = cache.acquire(spec().spec);
    const error = await settle(lease);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(error).toMatchObject({ reason: 'manifest-unavailable', url: expect.stringMatching(/manifest\.json$/) });
    expect(manifestAnswers).toHaveLength(4);
    expect(server.requests.filter((r) => r.endsWith('m.bin'))).toEqual([]);
    lease.release();
  });

  it('a failure is not remembered: the next load asks again and verifies', async () => {
    folder([503], { alwaysFail: true });
    const lease = cache.acquire(spec().spec);
    await settle(lease);
    folder([]);
    lease.retry();
    expect(await settle(lease)).toMatchObject({ reason: 'checksum' });
    lease.release();
  });

  it('a folder without a manifest (404) loads unverified under if-available', async () => {
    folder([404], { alwaysFail: true });
    const lease = cache.acquire(spec().spec, settings({ integrity: 'if-available' }));
    expect(await settle(lease)).toMatchObject({ bytes: 4000 });
    expect(manifestAnswers).toHaveLength(1);
    lease.release();
  });

  it('a folder that served a manifest and then answers 404 fails with manifest-unavailable', async () => {
    folder([]);
    const first = cache.acquire(spec('a').spec);
    await settle(first);
    clearServedManifest(new URL(base, location.href).href);
    folder([404], { alwaysFail: true });
    const second = cache.acquire(spec('b').spec);
    expect(await settle(second)).toMatchObject({ reason: 'manifest-unavailable' });
    first.release();
    second.release();
  });

  it("integrity: 'required' fails a folder without a manifest", async () => {
    folder([404], { alwaysFail: true });
    const lease = cache.acquire(spec().spec, settings({ integrity: 'required' }));
    expect(await settle(lease)).toMatchObject({ reason: 'manifest-unavailable' });
    lease.release();
  });

  it("integrity: 'off' never asks for the manifest", async () => {
    folder([]);
    const lease = cache.acquire(spec().spec, settings({ integrity: 'off' }));
    expect(await settle(lease)).toMatchObject({ bytes: 4000 });
    expect(manifestAnswers).toEqual([]);
    lease.release();
  });

  it('a shard downloaded unverified (integrity off) is checked when a verifying load shares it', async () => {
    backend.set({ backend: 'webgl' }); // keeps the bytes, so the second load shares them
    folder([]);
    const unverified = cache.acquire(spec('a').spec, settings({ integrity: 'off' }));
    await settle(unverified);
    const verified = cache.acquire(spec('b').spec, settings({ integrity: 'if-available' }));
    expect(await settle(verified)).toMatchObject({ reason: 'checksum' });
    expect(server.requests.filter((r) => r.endsWith('m.bin'))).toHaveLength(1);
    unverified.release();
    verified.release();
  });

  it('configure rejects an unknown integrity policy, naming the allowed ones', () => {
    expect(() => configure({ integrity: 'sometimes' as ModelSettings['integrity'] })).toThrow(/'required', 'if-available', 'off'/);
  });
});

describe('given two leases on a model whose file is missing (404)', () => {
  it('retry() on one lease, once the file is there, makes both ready with one model', async () => {
    const files: Parameters<typeof fakeServer>[0] = {};
    const b = getConfig().modelBaseUrl;
    server = fakeServer(files);
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => server.fetch(input, init));
    const { spec: s, calls } = spec();
    const first = cache.acquire(s);
    const second = cache.acquire(s);
    await expect(first.ready()).rejects.toMatchObject({ reason: 'not-found' });
    await expect(second.ready()).rejects.toMatchObject({ reason: 'not-found' });
    files[`${b}m/model.json`] = { body: modelJson, type: 'application/json' };
    files[`${b}m/m.bin`] = { body: weights };
    first.retry();
    const [a, c] = await Promise.all([first.ready(), second.ready()]);
    expect(a).toBe(c);
    expect(second.getSnapshot()).toMatchObject({ status: 'ready', error: null });
    expect(calls.load).toBe(2);
    expect(cache.inspect()).toEqual([{ key: 'm', references: 2, status: 'ready' }]);
    first.release();
    second.release();
  });
});

describe('given a model loaded on a backend that cannot lose its context (wasm, cpu)', () => {
  beforeEach(() => {
    const b = getConfig().modelBaseUrl;
    serve({ [`${b}m/model.json`]: { body: modelJson, type: 'application/json' }, [`${b}m/m.bin`]: { body: weights } });
  });

  it('lets the downloaded bytes go once the model is built', async () => {
    backend.set({ backend: 'wasm' });
    const lease = cache.acquire(spec().spec);
    await lease.ready();
    expect(liveDownloads()).toEqual({ count: 0, bytes: 0 });
    lease.release();
  });

  it('keeps them on webgl, where a context loss re-uploads them without a download', async () => {
    backend.set({ backend: 'webgl' });
    const lease = cache.acquire(spec().spec);
    await lease.ready();
    expect(liveDownloads().bytes).toBe(modelJson.length + 4000);
    lease.release();
    await tick(40);
    expect(liveDownloads()).toEqual({ count: 0, bytes: 0 });
  });
});

describe('given a backend that failed, then works again (no new generation)', () => {
  it('loads the model that failed with the backend, without a remount', async () => {
    const b = getConfig().modelBaseUrl;
    serve({ [`${b}m/model.json`]: { body: modelJson, type: 'application/json' }, [`${b}m/m.bin`]: { body: weights } });
    backend.set({ status: 'error', error: new Error('No TF.js backend works here') });
    const lease = cache.acquire(spec().spec);
    await expect(lease.ready()).rejects.toThrow(/No TF.js backend/);
    backend.set({ status: 'selecting', error: null });
    backend.set({ status: 'ready' });
    await expect(lease.ready()).resolves.toMatchObject({ bytes: 4000 });
    lease.release();
  });
});

describe('given three models on webgl, then a recovered context loss (issue 16: pose waited for the classifier)', () => {
  /** A pace the test opens by hand, counting how often the cache waited on it. */
  function manualPace() {
    const waits: (() => void)[] = [];
    return { pace: () => new Promise<void>((resolve) => waits.push(resolve)), waits, open: () => waits.shift()?.() };
  }
  /** A spec whose loads are logged and held until the test lets them finish. */
  function heldSpec(key: string, log: string[]) {
    const finish: (() => void)[] = [];
    const s: ModelSpec<FakeModel> = {
      key,
      load: async () => {
        log.push(`${key} starts`);
        await new Promise<void>((resolve) => finish.push(resolve));
        log.push(`${key} ready`);
        return { id: nextId++, bytes: 0 };
      },
      dispose: () => void log.push(`${key} dispose`),
    };
    return { spec: s, finish: () => finish.shift()?.() };
  }
  let paced: ReturnType<typeof manualPace>;
  let log: string[];
  let specs: ReturnType<typeof heldSpec>[];
  let leases: ReturnType<typeof cache.acquire<FakeModel>>[];
  beforeEach(async () => {
    backend.set({ backend: 'webgl' });
    paced = manualPace();
    cache = new ModelCache(backend, paced.pace);
    log = [];
    specs = ['a', 'b', 'c'].map((key) => heldSpec(key, log));
    leases = specs.map((s) => cache.acquire(s.spec));
    await tick();
    for (const s of specs) s.finish();
    await Promise.all(leases.map((l) => l.ready()));
    log.length = 0;
  });
  afterEach(() => {
    for (const lease of leases) lease.release();
  });
  const statuses = () => leases.map((l) => l.getSnapshot().status);

  it('drops every dead model at once, then reloads them one at a time in the order they were acquired, pacing in between', async () => {
    backend.set({ status: 'recovering' });
    backend.set({ status: 'ready', generation: 1 });
    expect(statuses()).toEqual(['loading', 'loading', 'loading']);
    expect(leases.map((l) => l.getSnapshot().model)).toEqual([null, null, null]);
    await tick();
    expect(log).toEqual(['a dispose', 'b dispose', 'c dispose', 'a starts']);
    specs[0].finish();
    await tick();
    expect(statuses()).toEqual(['ready', 'loading', 'loading']);
    // b waits until the pace says a's tasks have run a frame.
    expect(log.at(-1)).toBe('a ready');
    expect(paced.waits).toHaveLength(1);
    paced.open();
    await tick();
    expect(log.at(-1)).toBe('b starts');
    specs[1].finish();
    await tick();
    paced.open();
    await tick();
    specs[2].finish();
    await tick();
    expect(log.slice(5)).toEqual(['b starts', 'b ready', 'c starts', 'c ready']);
    expect(statuses()).toEqual(['ready', 'ready', 'ready']);
    expect(paced.waits).toHaveLength(0);
  });

  it('a second loss during the recovery reloads everything on the newest backend and leaves no model behind', async () => {
    backend.set({ status: 'recovering' });
    backend.set({ status: 'ready', generation: 1 });
    await tick();
    // a is reloading (held) when the context is lost again.
    backend.set({ status: 'recovering' });
    backend.set({ status: 'ready', generation: 2 });
    await tick();
    // The older recovery's load of a finishes on the dead backend: its model is disposed, never handed out.
    specs[0].finish();
    await tick();
    for (;;) {
      const waiting = specs.some((_, i) => statuses()[i] !== 'ready');
      if (!waiting) break;
      for (const s of specs) s.finish();
      paced.open();
      await tick();
    }
    const models = leases.map((l) => l.getSnapshot().model!.id);
    const made = log.filter((line) => line.endsWith('ready')).length;
    const disposed = log.filter((line) => line.includes('dispose')).length;
    // The 3 first models and every one built since are either held now (3) or disposed.
    expect(3 + made - disposed).toBe(3);
    expect(new Set(models).size).toBe(3);
    expect(log.filter((line) => line.endsWith('starts'))[0]).toBe('a starts');
  });
});
