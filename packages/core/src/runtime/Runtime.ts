import { backendManager, type BackendHandle } from './BackendManager';
import { ConfigStore, pageConfig, resolveModelUrl, type RuntimeConfig } from './config';
import type { BackendName, BackendPreference, FrameSourceElement, FrameTask, ModelLease, ModelSpec } from './contracts';
import { getFrameLoop, type FrameTaskHandle } from './FrameLoop';
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
  /** The one frame loop of `source`, shared by every task on it. */
  frameLoop: (source: FrameSourceElement) => RuntimeFrameLoop;
  /** Switch the backend (`configure({ backend })`) and wait until it is ready. */
  useBackend: (preference: BackendPreference) => Promise<BackendName>;
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
}

function buildRuntime(
  settings: ConfigStore,
  { backendManager: manager = backendManager, modelCache: cache = modelCache, frameLoop = getFrameLoop }: CreateRuntimeOptions,
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
  return {
    backend,
    getConfig: () => settings.get(),
    configure: (partial) => settings.configure(partial),
    subscribeConfig: (listener) => settings.subscribe(listener),
    resolveModelUrl: resolve,
    acquireModel: (spec) => {
      const { modelBaseUrl, persistentCache, releaseDelayMs, integrity } = settings.get();
      return cache.acquire(spec, { modelBaseUrl, persistentCache, releaseDelayMs, integrity });
    },
    frameLoop,
    useBackend: (preference) => {
      try {
        settings.configure({ backend: preference });
      } catch (error) {
        return Promise.reject(error);
      }
      started = true;
      ownsBackend = true;
      push();
      // Starts the selection if nobody has yet, and waits for the (possibly new) backend.
      return manager.use(manager.getPreference());
    },
  };
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
  const { backendManager: _b, modelCache: _m, frameLoop: _f, ...config } = options;
  return buildRuntime(new ConfigStore(config), options, false, options.backend !== undefined);
}

let pageRuntime: Runtime | null = null;

/** The page's default runtime: the settings `configure()` changes, the page's backend and cache. */
export function getDefaultRuntime(): Runtime {
  pageRuntime ??= buildRuntime(pageConfig, {}, true, true);
  return pageRuntime;
}
