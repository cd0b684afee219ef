/**
 * The runtime's public contracts: what engines (pose, face, classifier) and hooks rely on.
 * Implementations live beside this file (BackendManager.ts, ModelCache.ts, FrameLoop.ts,
 * config.ts). Engines import only these names from './index' (the runtime barrel).
 */
import type * as tfc from '@tensorflow/tfjs-core';

/** The TF.js backends webcam-ml knows how to choose between. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** `'auto'` picks the fastest backend that really works on this device. */
export type BackendPreference = BackendName | 'auto';

/** What was learnt about one candidate while choosing. */
export interface BackendProbe {
  name: BackendName;
  /** It initialised and computed a known result correctly. */
  ok: boolean;
  /** Median ms of the probe computation, when it ran. */
  ms?: number;
  /** Why it was rejected or ranked where it is (for example `software renderer: SwiftShader`). */
  note?: string;
}

/** The shared backend's observable state. */
export interface BackendState {
  status: 'idle' | 'selecting' | 'ready' | 'recovering' | 'error';
  /** The active backend, once ready. */
  backend: BackendName | null;
  /** A sentence saying why this backend was chosen. */
  reason: string;
  /** Everything learnt about each candidate. */
  probes: BackendProbe[];
  /**
   * Increments each time the active backend was re-created: a WebGL context loss (or WebGPU
   * device loss) recovered from, or an explicit switch. The model cache reloads every live model
   * when it changes (leases re-notify), so engines read `lease.getSnapshot().model` per frame.
   */
  generation: number;
  error: Error | null;
}

/** Progress of a model download, in bytes. `total` is 0 until known. */
export interface LoadProgress {
  loaded: number;
  total: number;
}

/** What a model loader gets from the cache. */
export interface LoadContext {
  /** Aborted when the last consumer leaves before the load finished. */
  signal: AbortSignal;
  /**
   * A `fetch` to hand to TF.js (`loadGraphModel(url, { fetchFunc })`, `tf.io.http`) or to use
   * directly: it reports progress, honours `signal`, fetches each URL at most once per page, and
   * verifies size and sha256 against the weights manifest when one is known, throwing
   * `ModelLoadError` with the URL and a reason on a 404, an HTML page, a truncated or corrupt file.
   * Typed like the global `fetch`, so it can be passed as TF.js's `fetchFunc` as is.
   */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /**
   * The same download and checks as `fetch`, handed over as the verified bytes themselves: no
   * `Response` around them and no second copy when they are read (`loadModelArtifacts` uses it).
   * A path resolves against `modelBaseUrl`.
   */
  bytes: (path: string) => Promise<ArrayBuffer>;
  /** Resolve a path relative to the configured `modelBaseUrl` (absolute URLs pass through). */
  resolveUrl: (path: string) => string;
  /**
   * Resolves once the frame the page's loops are running now has finished on its tasks (at once
   * when none runs), and rejects with an `AbortError` once `signal` aborted. A load with a long
   * synchronous step (a warm-up that compiles shaders) awaits it between slices so other tasks'
   * frames keep coming (`warmUpLayersInSlices`).
   */
  betweenFrames: () => Promise<void>;
  /**
   * True when this load brings back a model that died with its backend (a recovered WebGL context
   * loss, a switch of backend): its consumers' frames are waiting for it. A warm-up whose only
   * purpose is to compile shaders before the first frame may be skipped then (`poseModelSpec`
   * does): the first frame compiles the same programs, so it comes sooner without a blank
   * inference before it. A warm-up in slices, which keeps other tasks' frames coming, is worth
   * keeping.
   * @default false
   */
  reloading: boolean;
  /**
   * Resolves once the backend this load builds on is ready (rejects with its error when none
   * works, with an `AbortError` once `signal` aborted). A spec with `startsBeforeBackend` awaits it
   * after its downloads and before its first TF.js call; for any other spec it resolves at once.
   */
  backendReady: () => Promise<void>;
}

/** A shared model entry in the cache. */
export interface ModelEntryState<T> {
  status: 'loading' | 'ready' | 'error';
  model: T | null;
  progress: LoadProgress;
  error: Error | null;
}

/** The description of a model the cache can load. */
export interface ModelSpec<T> {
  /** Unique key: model name and every URL it loads from. */
  key: string;
  /** Loads the model (and runs a warm-up inference) on the active backend. */
  load: (ctx: LoadContext) => Promise<T>;
  /**
   * `load` starts before the backend is ready: it downloads its files while the backend
   * initialises (a wasm fetch and compile, a worker's first backend) and awaits
   * `ctx.backendReady()` before its first TF.js call. Without it, `load` starts once the backend
   * is ready.
   * @default false
   */
  startsBeforeBackend?: boolean;
  /** Frees the model's tensors. */
  dispose(model: T): void;
}

/** One consumer's lease on a shared model. */
export interface ModelLease<T> {
  /** Observe the entry (progress, ready, error); also re-fires after a backend recovery reload. */
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => ModelEntryState<T>;
  /** Resolves with the ready model (the current one after a reload). */
  ready: () => Promise<T>;
  /** Give the lease back; the model is disposed a short delay after the last release. */
  release: () => void;
  /**
   * Load again when the entry failed (a 404 fixed since, a network back), even while other
   * consumers hold it; does nothing otherwise.
   */
  retry: () => void;
}

/** One frame handed to every task registered on a source. */
export interface Frame {
  /** The element the frame comes from. */
  source: FrameSourceElement;
  /**
   * Size of the frame in pixels: the source's own, or scaled down so that the longer side is
   * `MAX_FRAME_SIDE` (2048) for a larger source. `pixels()` has this size.
   */
  width: number;
  height: number;
  /** Milliseconds: the video's media time when known (rVFC), else performance.now(). */
  timestamp: number;
  /** Increments once per frame read from this source. */
  index: number;
  /**
   * The frame as an int32 [height, width, 3] tensor, read once and shared by every task of this
   * frame; the loop disposes it after the last task finished. Do not dispose it yourself.
   */
  pixels: () => tfc.Tensor3D;
}

/** Anything a frame can be read from. */
export type FrameSourceElement =
  | HTMLVideoElement
  | HTMLImageElement
  | HTMLCanvasElement
  | ImageBitmap
  | OffscreenCanvas
  | ImageData;

/** Work registered on a source's frame loop. */
export interface FrameTask {
  /** Upper bound on how often `run` is called. @default Infinity */
  maxFps?: number;
  /**
   * Runs inference for one frame. A frame that arrives while `run` is still busy is dropped
   * (unless `keepsPending`). Resolving with `'dropped'` counts the frame as dropped, not processed.
   */
  run: (frame: Frame) => Promise<void | 'dropped'> | void;
  /**
   * The task keeps at most one pending frame of its own (the worker executor, where the newest
   * frame waits while one is inferred): it is offered every due frame even while busy, and
   * answers an older one it let go with `'dropped'`.
   * @default false
   */
  keepsPending?: boolean;
  /**
   * Receives what `run` threw or rejected with. Without it the error is reported as uncaught
   * (`reportError`: the console and `window.onerror`), never swallowed; the loop goes on.
   */
  onError?: (error: unknown, frame: Frame) => void;
}

/** Per-task counters kept by the loop. */
export interface FrameTaskStats {
  processed: number;
  dropped: number;
  /** Runs per second over the last second or so. */
  fps: number;
  /** Duration of the last `run`, ms. */
  latencyMs: number;
}
