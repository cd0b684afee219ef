import * as tf from '@tensorflow/tfjs-core';
import { WorkerExecutor } from '../executor/WorkerExecutor';
import type { ExecutorKind, ExecutorPreference, RuntimeExecutor, WorkerMemory } from '../executor/types';
import { backendManager, type BackendHandle } from './BackendManager';
import { ConfigStore, pageConfig, resolveModelUrl, type RuntimeConfig } from './config';
import type { BackendName, BackendPreference, FrameSourceElement, FrameTask, ModelLease, ModelSpec } from './contracts';
import { FrameLoop, getFrameLoop, type FrameTaskHandle } from './FrameLoop';
import { modelCache, type ModelSettings } from './ModelCache';

/** The part of a source's frame loop a task uses. */
export interface RuntimeFrameLoop {
  /** Register a task; `remove()` the handle to leave. */
  add: (task: FrameTask) => FrameTaskHandle;
  /** Offer a still source (image, bitmap) again, for example after an option changed. */
  invalidate: () => void;
}

/** What a runtime needs of the backend manager (the page's, or a fake in tests). */
export interface RuntimeBackendManager extends BackendHandle {
  use: (preference: BackendPreference) => Promise<BackendName>;
  setPreference: (preference: BackendPreference) => void;
  getPreference: () => BackendPreference;
  setWasmBaseUrl: (url: string) => void;
}

/** What a runtime needs of the model cache. */
export interface RuntimeModelCache {
  acquire: <T>(spec: ModelSpec<T>, settings: ModelSettings) => ModelLease<T>;
}

/** What `runtime.memory()` reports: tensors on each side, and the frames (bitmaps) still open. */
export interface RuntimeMemory {
  /** TF.js on the main thread. */
  main: { numTensors: number; numBytes: number };
  /** TF.js in the runtime's worker, null when none runs. */
  worker: WorkerMemory | null;
  /** Frame bitmaps made on the main thread and not yet handed to the worker. */
  bitmapsInHand: number;
}

/**
 * What every engine runs on: the settings, the backend, the model cache and the frame loops.
 * Engines receive one (the page default when none is given) instead of importing singletons,
 * so two providers with different settings do not fight and tests can hand in fakes.
 */
export interface Runtime {
  /** The backend, counted per consumer (`acquire`/`release`). */
  readonly backend: BackendHandle;
  /** This runtime's settings now. */
  getConfig: () => RuntimeConfig;
  /**
   * Change some of this runtime's settings (validated; unchanged values notify nobody). Widgets on
   * this runtime reload their models from a new `modelBaseUrl`; a new `backend` switches it.
   */
  configure: (partial: Partial<RuntimeConfig>) => RuntimeConfig;
  /** Observe changes of this runtime's settings. */
  subscribeConfig: (listener: (next: RuntimeConfig, previous: RuntimeConfig) => void) => () => void;
  /** Resolve a path against this runtime's `modelBaseUrl` (absolute URLs pass through). */
  resolveModelUrl: (path: string) => string;
  /** Lease a model from the cache with this runtime's settings. */
  acquireModel: <T>(spec: ModelSpec<T>) => ModelLease<T>;
  /**
   * The one frame loop of `source`, shared by every task on it (tasks running in the runtime's
   * worker share one of their own, paced by the worker's backend).
   */
  frameLoop: (source: FrameSourceElement, executor?: ExecutorKind) => RuntimeFrameLoop;
  /** Switch the backend (`configure({ backend })`) and wait until it is ready. */
  useBackend: (preference: BackendPreference) => Promise<BackendName>;
  /** Where this runtime's tasks infer (absent on hand-made runtimes: the main thread). */
  readonly executor?: RuntimeExecutor;
  /** Tensors and open frames on both sides (tests check they return to their baseline). */
  memory?: () => Promise<RuntimeMemory>;
}

/** Options of `createRuntime`: its initial settings, and the shared parts (for tests). */
export interface CreateRuntimeOptions extends Partial<RuntimeConfig> {
  /**
   * The backend manager. TF.js has one active backend per JavaScript realm, so runtimes on the
   * main thread share the page's; the last `backend` setting applied wins.
   * @default backendManager
   */
  backendManager?: RuntimeBackendManager;
  /**
   * The model cache. Shared by default: entries are keyed by their URLs, so two runtimes on the
   * same folder load a model once.
   * @default modelCache
   */
  modelCache?: RuntimeModelCache;
  /**
   * Where a source's frame loop comes from. Shared by default: one pixel read per frame for every
   * task on the source.
   * @default getFrameLoop
   */
  frameLoop?: (source: FrameSourceElement) => RuntimeFrameLoop;
  /**
   * Where the tasks infer: `'worker'` in one module worker of this runtime (its own TF.js, model
   * cache and backend; frames are transferred as `ImageBitmap`s), `'main'` on the page's thread,
   * `'auto'` the worker where `Worker`, `OffscreenCanvas` and `createImageBitmap` exist. A worker
   * that cannot start falls back to the main thread, with the reason in every widget's state
   * (`executorReason`). Fixed for the runtime's life. Inside a worker of your own, `'auto'` stays on
   * that worker's thread.
   * @default 'auto'
   */
  executor?: ExecutorPreference;
  /**
   * Where the worker script is served when you self-host it (the `webcam-ml-worker.js` that
   * `npx webcam-ml-models copy <dir>` writes next to the weights), for bundlers that do not
   * understand `new Worker(new URL(..., import.meta.url))` or a CSP without `blob:`. Relative URLs
   * resolve against the page. Without it, the worker your bundler emitted is used.
   * @default undefined
   */
  workerUrl?: string;
}

function buildRuntime(
  settings: ConfigStore,
  { backendManager: manager = backendManager, modelCache: cache = modelCache, frameLoop = getFrameLoop, executor: requested = 'auto', workerUrl }: CreateRuntimeOptions,
  followsSettings: boolean,
  givenBackend: boolean,
): Runtime {
  let ownsBackend = givenBackend;
  const resolve = (path: string) => resolveModelUrl(path, settings.get().modelBaseUrl);
  let started = false;
  // The page's manager follows the page settings itself; another runtime hands its preference
  // over when it first needs the backend and whenever its setting changes (never during a render),
  // and only once it was given one: a runtime that names no backend runs on the page's.
  const push = () => {
    if (!followsSettings && ownsBackend) manager.setPreference(settings.get().backend);
  };
  settings.subscribe((next, previous) => {
    if (next.backend === previous.backend) return;
    ownsBackend = true;
    if (started) push();
  });
  const backend: BackendHandle = {
    acquire: () => {
      if (!started) {
        started = true;
        manager.setWasmBaseUrl(resolve('wasm/'));
        push();
      }
      return manager.acquire();
    },
    release: () => manager.release(),
    ready: () => manager.ready(),
    getSnapshot: () => manager.getSnapshot(),
    subscribe: (listener) => manager.subscribe(listener),
  };
  const executor = new WorkerExecutor(requested, () => ({
    ...settings.get(),
    modelBaseUrl: resolve(''),
    workerUrl: workerUrl === undefined ? null : resolveModelUrl(workerUrl, typeof document !== 'undefined' ? document.baseURI : 'http://localhost/'),
  }));
  settings.subscribe(() => executor.configure());
  const workerLoops = new WeakMap<object, FrameLoop>();
  const workerLoop = (source: FrameSourceElement): FrameLoop => {
    let loop = workerLoops.get(source);
    if (!loop) workerLoops.set(source, (loop = new FrameLoop(source, executor.backend)));
    return loop;
  };
  return {
    backend,
    executor,
    memory: async () => {
      // Asking TF.js before a backend exists would start one on this thread.
      const live = (tf.engine() as unknown as { backendInstance: unknown }).backendInstance != null;
      const { numTensors, numBytes } = live ? tf.memory() : { numTensors: 0, numBytes: 0 };
      return { main: { numTensors, numBytes }, worker: await executor.memory(), bitmapsInHand: executor.bitmapsInHand };
    },
    getConfig: () => settings.get(),
    configure: (partial) => settings.configure(partial),
    subscribeConfig: (listener) => settings.subscribe(listener),
    resolveModelUrl: resolve,
    acquireModel: (spec) => {
      const { modelBaseUrl, persistentCache, releaseDelayMs, integrity } = settings.get();
      return cache.acquire(spec, { modelBaseUrl, persistentCache, releaseDelayMs, integrity });
    },
    frameLoop: (source, kind) => (kind === 'worker' ? workerLoop(source) : frameLoop(source)),
    useBackend: (preference) => {
      try {
        settings.configure({ backend: preference });
      } catch (error) {
        return Promise.reject(error);
      }
      // The worker's backend follows the settings (executor.configure); wait for the new one there.
      if (executor.getSnapshot().kind === 'worker' && executor.getSnapshot().status !== 'idle') return nextReady(executor.backend, preference);
      started = true;
      ownsBackend = true;
      push();
      // Starts the selection if nobody has yet, and waits for the (possibly new) backend.
      return manager.use(manager.getPreference());
    },
  };
}

/** The backend once it is ready again after a change asked for now (a switch goes through selecting). */
function nextReady(handle: BackendHandle, preference: BackendPreference): Promise<BackendName> {
  const generation = handle.getSnapshot().generation;
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = handle.getSnapshot();
      if (s.status === 'error') reject(s.error ?? new Error('webcam-ml: no backend'));
      else if (s.status === 'ready' && s.backend && (s.generation !== generation || s.backend === preference || preference === 'auto')) resolve(s.backend);
      else return false;
      return true;
    };
    // The worker hears of the change after this call: a backend that is already the one asked for answers at once.
    if (check()) return;
    const stop = handle.subscribe(() => check() && stop());
  });
}

/**
 * A runtime with its own settings (a `<WebcamMLProvider>` makes one). Creating it touches no
 * browser global and no shared state: the backend preference (when `backend` is given, or later
 * configured) is handed over when a widget first needs the backend; a runtime that names no
 * backend runs on whatever the page's backend is.
 *
 * ```ts
 * const runtime = createRuntime({ modelBaseUrl: '/weights/', backend: 'wasm' });
 * const engine = new PoseEngine({ model: 'lightning' }, runtime);
 * ```
 */
export function createRuntime(options: CreateRuntimeOptions = {}): Runtime {
  const { backendManager: _b, modelCache: _m, frameLoop: _f, executor: _e, workerUrl: _w, ...config } = options;
  return buildRuntime(new ConfigStore(config), options, false, options.backend !== undefined);
}

let pageRuntime: Runtime | null = null;

/** The page's default runtime: the settings `configure()` changes, the page's backend and cache. */
export function getDefaultRuntime(): Runtime {
  pageRuntime ??= buildRuntime(pageConfig, {}, true, true);
  return pageRuntime;
}
