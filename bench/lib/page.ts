// Page-side half of the bench harness: read params, step through a video deterministically, report.
import { createRuntime, type Runtime } from '@webcam-ml/core/runtime';

declare global {
  interface Window {
    __benchDone?: (json: string) => Promise<void>;
    __benchFail?: (message: string) => Promise<void>;
  }
}

/** The JSON the CLI passed to `runInChromium({ params })`. */
export function params<T>(): T {
  const raw = new URLSearchParams(location.search).get('params');
  return (raw ? JSON.parse(raw) : {}) as T;
}

/** URL of a file the CLI served with `runInChromium({ files: { [key]: path } })`. */
export function fileUrl(key: string): string {
  return `/@bench-file/${encodeURIComponent(key)}`;
}

/** Report the result (any JSON value) and end the run. */
export function done(result: unknown): void {
  void window.__benchDone?.(JSON.stringify(result));
}

/** End the run with an error. */
export function fail(error: unknown): void {
  void window.__benchFail?.(error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
}

/** Log a progress line to the CLI's stderr. */
export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Run `main`, reporting its value or its error. */
export function run(main: () => Promise<unknown>): void {
  main().then(done, fail);
}

/** Load a video (muted, paused) and resolve once its first frame has data. */
export async function loadVideo(url: string): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.crossOrigin = 'anonymous';
  video.src = url;
  document.body.append(video);
  await new Promise<void>((resolve, reject) => {
    video.addEventListener('loadeddata', () => resolve(), { once: true });
    video.addEventListener('error', () => reject(new Error(`cannot load video ${url}: ${video.error?.message ?? 'unknown'}`)), { once: true });
  });
  return video;
}

/** Load an image and resolve once decoded. */
export async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  document.body.append(image);
  await image.decode();
  return image;
}

/** Number of frames in a video at `fps` (from its duration). */
export function frameCount(video: HTMLVideoElement, fps = 30): number {
  return Math.max(1, Math.round(video.duration * fps));
}

/**
 * Seek to frame `index` at `fps` and resolve when that frame is decoded and presentable.
 * Seeking to the middle of the frame's interval avoids landing on the previous frame through
 * rounding of the container's timestamps.
 */
export async function seekFrame(video: HTMLVideoElement, index: number, fps = 30): Promise<void> {
  const target = (index + 0.5) / fps;
  if (Math.abs(video.currentTime - target) < 1e-6 && video.readyState >= 2) return;
  // Chromium sometimes fires 'seeked' before the new frame reaches drawImage, so a read right
  // after it returns the previous frame (about 1 seek in 100 here). Also wait until the frame is
  // presented (requestVideoFrameCallback); a seek within the same frame presents nothing, hence
  // the short fallback, which costs time but not correctness (the shown frame is then the right one).
  const withCallback = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
  const presented = withCallback.requestVideoFrameCallback
    ? Promise.race([
        new Promise<void>((resolve) => withCallback.requestVideoFrameCallback!(() => resolve())),
        new Promise<void>((resolve) => setTimeout(resolve, 250)),
      ])
    : Promise.resolve();
  await new Promise<void>((resolve) => {
    video.addEventListener('seeked', () => resolve(), { once: true });
    video.currentTime = target;
  });
  await presented;
  if (video.readyState < 2) {
    await new Promise<void>((resolve) => video.addEventListener('loadeddata', () => resolve(), { once: true }));
  }
}

/** 30 fps timestamps in ms, as upstream's video tests feed them (33.333 ms apart). */
export function frameTimestamp(index: number, fps = 30): number {
  return (index * 1000) / fps;
}

/**
 * A models folder the browser has never fetched from: the harness serves `public/models` at
 * `/cold-<id>/models/` with `Cache-Control: no-store` (bench/lib/harness.js), so a load from it
 * downloads every file again. Give every load its own id.
 */
export function coldModelBase(id: string): string {
  return `/cold-${id}/models/`;
}

/** One timed load, with where its time went according to the browser's resource timing. */
export interface LoadSample {
  /** From the call to ready, ms. */
  ms: number;
  /** Until the first request under the load's folder left (module set-up, backend wait). */
  beforeFirstRequestMs: number;
  /** From the first request to the last byte of the last file. */
  networkMs: number;
  /** From the last byte to ready: decoding, verification of the last file, warm-up. */
  afterLastByteMs: number;
  /** The manifest.json request (the hook's, made before any model file), ms; null when none. */
  manifestMs: number | null;
  files: number;
  bytes: number;
  /** The loader's own marks (see `probedRuntime`), ms after the call. */
  marks: Record<string, number>;
  /** The loader's own counts (model state changes, React renders) during the load. */
  counts: Record<string, number>;
}

export interface LoadComparison {
  rounds: number;
  /** Order of each round, e.g. ['hook', 'bare']. */
  orders: ('hook' | 'bare')[][];
  hook: LoadSample[];
  bare: LoadSample[];
  /** The untimed first round (hook then bare), which also pays one-off costs (code paths, JIT). */
  first: { hook: LoadSample; bare: LoadSample };
  median: { hook: number; bare: number };
  /** median hook / median bare */
  ratio: number;
  /** Medians of the breakdown fields, per side. */
  breakdown: Record<'hook' | 'bare', LoadSample>;
  /** sha256 (crypto.subtle) of the files the hook downloaded, all of them, ms (median of 3). */
  sha256Ms: number;
}

/** Loads a widget from `modelBaseUrl` until ready; resolves with how to unload it (untimed) and any marks (performance.now() times). */
export type Loader = (
  modelBaseUrl: string,
) => Promise<{ unload: () => void | Promise<void>; marks?: Record<string, number>; counts?: Record<string, number> }>;

async function timeLoad(load: Loader, base: string): Promise<LoadSample> {
  const t0 = performance.now();
  const { unload, marks = {}, counts = {} } = await load(base);
  const t1 = performance.now();
  const countsAtReady = { ...counts };
  const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => new URL(e.name).pathname.startsWith(base));
  await unload();
  // Let disposal and the release timers settle before the next load starts.
  await new Promise((r) => setTimeout(r, 100));
  const start = Math.min(...entries.map((e) => e.startTime));
  const end = Math.max(...entries.map((e) => e.responseEnd));
  const manifest = entries.find((e) => e.name.endsWith('/manifest.json'));
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    ms: r(t1 - t0),
    beforeFirstRequestMs: entries.length ? r(start - t0) : NaN,
    networkMs: entries.length ? r(end - start) : NaN,
    afterLastByteMs: entries.length ? r(t1 - end) : NaN,
    manifestMs: manifest ? r(manifest.responseEnd - manifest.startTime) : null,
    files: entries.length,
    bytes: entries.reduce((n, e) => n + e.encodedBodySize, 0),
    marks: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, r(v - t0)])),
    // Counts as they were at ready; keys first set while unloading (untimed extras) are kept too.
    counts: { ...counts, ...countsAtReady },
  };
}

/**
 * Cold load times of the hook against the bare library. An untimed first round (hook, then bare)
 * pays the one-off costs; then `rounds` rounds alternate the order (hook first in even rounds),
 * each load on a folder URL of its own (`coldModelBase('<round>-hook')`, `'<round>-bare'`), so
 * neither finds the other's files in the HTTP cache. Call it on an initialised backend.
 */
export async function compareLoads(rounds: number, loaders: Record<'hook' | 'bare', Loader>, logLine: (line: string) => void = log): Promise<LoadComparison> {
  performance.setResourceTimingBufferSize(100_000);
  const first = { hook: await timeLoad(loaders.hook, coldModelBase('first-hook')), bare: await timeLoad(loaders.bare, coldModelBase('first-bare')) };
  logLine(`load, first round (untimed): hook ${first.hook.ms.toFixed(0)} ms, bare ${first.bare.ms.toFixed(0)} ms`);
  const hookFiles = resourcePaths(coldModelBase('first-hook')).filter((p) => !p.endsWith('/manifest.json'));
  const samples = { hook: [] as LoadSample[], bare: [] as LoadSample[] };
  const orders: ('hook' | 'bare')[][] = [];
  for (let i = 0; i < rounds; i++) {
    const order: ('hook' | 'bare')[] = i % 2 === 0 ? ['hook', 'bare'] : ['bare', 'hook'];
    orders.push(order);
    for (const which of order) samples[which].push(await timeLoad(loaders[which], coldModelBase(`${i}-${which}`)));
    performance.clearResourceTimings();
    logLine(`load round ${i + 1}/${rounds} (${order.join(' then ')}): hook ${samples.hook[i].ms.toFixed(0)} ms, bare ${samples.bare[i].ms.toFixed(0)} ms`);
  }
  const marks = (list: LoadSample[]) => {
    const names = [...new Set(list.flatMap((s) => Object.keys(s.marks)))];
    return Object.fromEntries(names.map((n) => [n, median(list.map((s) => s.marks[n]).filter((v) => v !== undefined))]));
  };
  const breakdown = (list: LoadSample[]) => ({
    ms: median(list.map((s) => s.ms)),
    beforeFirstRequestMs: median(list.map((s) => s.beforeFirstRequestMs)),
    networkMs: median(list.map((s) => s.networkMs)),
    afterLastByteMs: median(list.map((s) => s.afterLastByteMs)),
    manifestMs: list.some((s) => s.manifestMs !== null) ? median(list.map((s) => s.manifestMs ?? 0)) : null,
    files: median(list.map((s) => s.files)),
    bytes: median(list.map((s) => s.bytes)),
    marks: marks(list),
    counts: Object.fromEntries([...new Set(list.flatMap((s) => Object.keys(s.counts)))].map((n) => [n, median(list.map((s) => s.counts[n] ?? 0))])),
  });
  const medians = { hook: median(samples.hook.map((s) => s.ms)), bare: median(samples.bare.map((s) => s.ms)) };
  return { rounds, orders, ...samples, first, median: medians, ratio: Math.round((medians.hook / medians.bare) * 1000) / 1000, breakdown: { hook: breakdown(samples.hook), bare: breakdown(samples.bare) }, sha256Ms: await sha256Cost(hookFiles) };
}

/** Paths under `base` (the part after it) of every resource fetched since the last clear. */
function resourcePaths(base: string): string[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .map((e) => new URL(e.name).pathname)
    .filter((p) => p.startsWith(base))
    .map((p) => p.slice(base.length));
}

/** What verifying downloads costs: sha256 of `files` (paths under /models/), one after another as the hook does. */
async function sha256Cost(files: string[]): Promise<number> {
  const buffers = await Promise.all(files.map(async (f) => (await fetch(`/models/${f}`)).arrayBuffer()));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    for (const b of buffers) await crypto.subtle.digest('SHA-256', b);
    times.push(performance.now() - t0);
  }
  return Math.round(median(times) * 10) / 10;
}

/**
 * The runtime the hook-vs-bare pages mount their hooks on: the main thread, where the bare library
 * runs (the page default is `executor: 'auto'`, a worker wherever the browser has one; `bench:ux`
 * compares the executors), on the page's backend manager and model cache.
 */
export const mainRuntime: Runtime = createRuntime({ executor: 'main' });

/**
 * A runtime on `modelBaseUrl` (release delay 0, so an unmounted load frees its models at once)
 * that also notes when the model cache first starts a load (`modelLoadStart`), when the last file
 * of it arrived verified (`lastFileFetched`: manifest, download, sha256) and when the last load
 * returned (`modelLoaded`: decoding and warm-up done), and counts the model state changes (download
 * progress, status) its leases hear. What follows `modelLoaded` until ready is the engine's.
 */
export function probedRuntime(modelBaseUrl: string): { runtime: Runtime; marks: Record<string, number>; counts: Record<string, number> } {
  const inner = createRuntime({ modelBaseUrl, releaseDelayMs: 0, executor: 'main' });
  const marks: Record<string, number> = {};
  const counts: Record<string, number> = { modelStateChanges: 0 };
  const runtime: Runtime = {
    ...inner,
    acquireModel: (spec) => {
      const lease = inner.acquireModel({
        ...spec,
        load: async (ctx) => {
          marks.modelLoadStart ??= performance.now();
          const model = await spec.load({
            ...ctx,
            fetch: async (input, init) => {
              const response = await ctx.fetch(input, init);
              marks.lastFileFetched = performance.now();
              return response;
            },
            bytes: async (path) => {
              const bytes = await ctx.bytes(path);
              marks.lastFileFetched = performance.now();
              return bytes;
            },
          });
          marks.modelLoaded = performance.now();
          return model;
        },
      });
      // Download progress and status changes, each of which every subscriber (the engine, then React) hears.
      const stop = lease.subscribe(() => counts.modelStateChanges++);
      return {
        ...lease,
        release: () => {
          stop();
          lease.release();
        },
      };
    },
  };
  return { runtime, marks, counts };
}

/**
 * The hook side of `compareLoads`: mount the widget on a `probedRuntime` for the folder; with
 * `renders` (a counter the probe component bumps on each render), also counts React renders.
 */
export function hookLoader(mount: (runtime: Runtime) => Promise<{ unmount: () => void }>, renders?: { count: number }): Loader {
  return async (base) => {
    const { runtime, marks, counts } = probedRuntime(base);
    const before = renders?.count ?? 0;
    const { unmount } = await mount(runtime);
    return { unload: unmount, marks, counts: renders ? { ...counts, reactRenders: renders.count - before } : counts };
  };
}

/** Arithmetic mean of `v`. */
export function mean(v: number[]): number {
  return v.reduce((sum, x) => sum + x, 0) / v.length;
}

/** Median of `v` (the mean of the middle two for an even count). */
export function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const sorted = [...v].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
