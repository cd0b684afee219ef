import type { BackendPreference } from './contracts';

/** The runtime's global settings, shared by every widget on the page. */
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
}

const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

const defaults: RuntimeConfig = {
  modelBaseUrl: '/models/',
  backend: 'auto',
  persistentCache: false,
  releaseDelayMs: 1000,
};

let current: RuntimeConfig = { ...defaults };
const listeners = new Set<(next: RuntimeConfig, previous: RuntimeConfig) => void>();

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
}

/**
 * Change the runtime settings for the whole page. Only the given keys change; unchanged values
 * notify nobody, so calling it on every render (as `WebcamMLProvider` does) is cheap.
 * A new `backend` switches the live backend (models reload on it); a new `modelBaseUrl` applies to
 * models acquired from then on. Never touches `window`, so it is safe during SSR.
 * @returns the settings now in force
 */
export function configure(partial: Partial<RuntimeConfig>): RuntimeConfig {
  validate(partial);
  const patch: Partial<RuntimeConfig> = {};
  for (const key of Object.keys(partial) as (keyof RuntimeConfig)[]) {
    const value = partial[key];
    if (value !== undefined && !Object.is(value, current[key])) (patch as Record<string, unknown>)[key] = value;
  }
  if (patch.modelBaseUrl !== undefined && !patch.modelBaseUrl.endsWith('/')) patch.modelBaseUrl += '/';
  if (Object.keys(patch).length === 0) return current;
  const previous = current;
  current = Object.freeze({ ...current, ...patch });
  for (const listener of [...listeners]) listener(current, previous);
  return current;
}

/** The settings in force (a frozen object, replaced on each change). */
export function getConfig(): RuntimeConfig {
  return current;
}

/** Restore the defaults (tests). */
export function resetConfig(): void {
  configure({ ...defaults });
}

/** Observe changes made by `configure`; returns the function that stops observing. */
export function subscribeConfig(listener: (next: RuntimeConfig, previous: RuntimeConfig) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The document's base URL when there is one (browser), else a dummy origin (Node, SSR). */
function documentBase(): string {
  return typeof document !== 'undefined' && document.baseURI ? document.baseURI : 'http://localhost/';
}

/** Resolve `path` against `modelBaseUrl` (itself resolved against the page); absolute URLs pass through. */
export function resolveModelUrl(path: string, baseUrl: string = current.modelBaseUrl): string {
  return new URL(path, new URL(baseUrl, documentBase())).href;
}
