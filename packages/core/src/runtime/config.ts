import type { BackendPreference } from './contracts';
import type { IntegrityPolicy } from './manifest';

/** A runtime's settings (`createRuntime`, `<WebcamMLProvider>`, or the page default's `configure`). */
export interface RuntimeConfig {
  /**
   * Where the folder written by `npx webcam-ml-models copy <dir>` is served: model files, the
   * TF.js wasm binaries (`wasm/`) and `manifest.json`. Relative URLs resolve against the page.
   * @default '/models/'
   */
  modelBaseUrl: string;
  /**
   * The TF.js backend: `'auto'` measures the candidates and picks the fastest that computes
   * correctly; a name forces that backend (falling back to the automatic choice, with the reason
   * in `backendManager.getSnapshot().reason`, when it cannot initialise).
   * @default 'auto'
   */
  backend: BackendPreference;
  /**
   * Keep verified weight files (those listed with a sha256 in `manifest.json`) in IndexedDB, so
   * later visits load them without a download.
   * @default false
   */
  persistentCache: boolean;
  /**
   * How long a model stays loaded after its last consumer released it, so that StrictMode's
   * double mount and quick remounts reuse it. A load still running is aborted at the same time.
   * @default 1000
   */
  releaseDelayMs: number;
  /**
   * How downloads are checked against the size and sha256 of each file in `manifest.json`:
   * - `'if-available'`: verify whenever the folder has a manifest; a folder answering 404 for it
   *   loads unverified, unless it served one earlier (on this page, or on an earlier visit as
   *   remembered in localStorage): then a 404 means it was removed, and the load fails.
   * - `'required'`: a load fails with `ModelLoadError` `manifest-unavailable` without one.
   * - `'off'`: never ask for it; nothing is verified beyond the weights manifests' sizes.
   *
   * Under both checking policies a failed request (5xx, network) is retried a few times with
   * backoff, then fails the load with `manifest-unavailable`: an altered file is never used while
   * a manifest names its sum.
   * @default 'if-available'
   */
  integrity: IntegrityPolicy;
}

const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** Every default of `RuntimeConfig`. */
export const DEFAULT_RUNTIME_CONFIG: Readonly<RuntimeConfig> = /* @__PURE__ */ Object.freeze({
  modelBaseUrl: '/models/',
  backend: 'auto',
  persistentCache: false,
  releaseDelayMs: 1000,
  integrity: 'if-available',
});
const defaults = DEFAULT_RUNTIME_CONFIG;

const INTEGRITY_POLICIES: readonly IntegrityPolicy[] = ['required', 'if-available', 'off'];

function validate(partial: Partial<RuntimeConfig>): void {
  if (partial.backend !== undefined && !BACKEND_PREFERENCES.includes(partial.backend)) {
    throw new TypeError(
      `configure: backend must be one of ${BACKEND_PREFERENCES.map((b) => `'${b}'`).join(', ')}; got ${JSON.stringify(partial.backend)}`,
    );
  }
  if (partial.modelBaseUrl !== undefined && (typeof partial.modelBaseUrl !== 'string' || partial.modelBaseUrl === '')) {
    throw new TypeError(`configure: modelBaseUrl must be a non-empty URL string; got ${JSON.stringify(partial.modelBaseUrl)}`);
  }
  if (partial.persistentCache !== undefined && typeof partial.persistentCache !== 'boolean') {
    throw new TypeError(`configure: persistentCache must be a boolean; got ${JSON.stringify(partial.persistentCache)}`);
  }
  if (partial.releaseDelayMs !== undefined && !(partial.releaseDelayMs >= 0)) {
    throw new TypeError(`configure: releaseDelayMs must be a number >= 0; got ${JSON.stringify(partial.releaseDelayMs)}`);
  }
  if (partial.integrity !== undefined && !INTEGRITY_POLICIES.includes(partial.integrity)) {
    throw new TypeError(
      `configure: integrity must be one of ${INTEGRITY_POLICIES.map((p) => `'${p}'`).join(', ')}; got ${JSON.stringify(partial.integrity)}`,
    );
  }
}

/**
 * One runtime's settings: an observable, validated, frozen `RuntimeConfig`. Each runtime
 * (`createRuntime`) has its own; the page's default runtime uses the one behind `configure()`.
 */
export class ConfigStore {
  private current: RuntimeConfig;
  private readonly listeners = new Set<(next: RuntimeConfig, previous: RuntimeConfig) => void>();

  constructor(initial: Partial<RuntimeConfig> = {}) {
    this.current = Object.freeze({ ...defaults });
    this.configure(initial);
  }

  /** The settings in force (a frozen object, replaced on each change). */
  get(): RuntimeConfig {
    return this.current;
  }

  /**
   * Change some settings; `undefined` keys are left as they are and unchanged values notify nobody.
   * Throws a `TypeError` naming the allowed values (and changes nothing) when one is invalid.
   */
  configure(partial: Partial<RuntimeConfig>): RuntimeConfig {
    validate(partial);
    const patch: Partial<RuntimeConfig> = {};
    for (const key of Object.keys(partial) as (keyof RuntimeConfig)[]) {
      let value = partial[key];
      if (key === 'modelBaseUrl' && typeof value === 'string' && !value.endsWith('/')) value = `${value}/`;
      if (value !== undefined && !Object.is(value, this.current[key])) (patch as Record<string, unknown>)[key] = value;
    }
    if (Object.keys(patch).length === 0) return this.current;
    const previous = this.current;
    this.current = Object.freeze({ ...this.current, ...patch });
    for (const listener of [...this.listeners]) listener(this.current, previous);
    return this.current;
  }

  /** Observe changes; returns the function that stops observing. */
  subscribe(listener: (next: RuntimeConfig, previous: RuntimeConfig) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** The settings of the page's default runtime (what `configure()` changes). */
export const pageConfig = /* @__PURE__ */ new ConfigStore();

/**
 * Change the settings of the page's default runtime (the one widgets use outside any
 * `<WebcamMLProvider>`). Only the given keys change; unchanged values notify nobody.
 * A new `backend` switches the live backend (models reload on it); a new `modelBaseUrl` reloads
 * the models of the widgets on that runtime from the new folder. Never touches `window`, so it is
 * safe during SSR; call it at start-up or from an event handler, never during a React render.
 * @returns the settings now in force
 */
export function configure(partial: Partial<RuntimeConfig>): RuntimeConfig {
  return pageConfig.configure(partial);
}

/** The settings of the page's default runtime (a frozen object, replaced on each change). */
export function getConfig(): RuntimeConfig {
  return pageConfig.get();
}

/** Restore the defaults (tests). */
export function resetConfig(): void {
  configure({ ...defaults });
}

/** Observe changes made by `configure`; returns the function that stops observing. */
export function subscribeConfig(listener: (next: RuntimeConfig, previous: RuntimeConfig) => void): () => void {
  return pageConfig.subscribe(listener);
}

/** The document's base URL when there is one (browser), else a dummy origin (Node, SSR). */
function documentBase(): string {
  return typeof document !== 'undefined' && document.baseURI ? document.baseURI : 'http://localhost/';
}

/** Resolve `path` against `modelBaseUrl` (itself resolved against the page); absolute URLs pass through. */
export function resolveModelUrl(path: string, baseUrl: string = pageConfig.get().modelBaseUrl): string {
  return new URL(path, new URL(baseUrl, documentBase())).href;
}
