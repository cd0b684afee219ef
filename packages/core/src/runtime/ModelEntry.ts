import { Store } from '../store/Store';
import type { BackendHandle } from './BackendManager';
import { resolveModelUrl, type RuntimeConfig } from './config';
import type { BackendName, LoadContext, LoadProgress, ModelEntryState, ModelSpec } from './contracts';
import { contentType, declareShards, fetchVerified, releaseDownloads, type DownloadHolder } from './downloads';
import { nextFrameSettled } from './frameActivity';
import { resolveManifest, type ManifestFiles } from './manifest';
import { ModelLoadError, isAbortError } from './ModelLoadError';

/**
 * Backends whose weights can vanish with their GPU context (WebGL context loss, WebGPU device
 * loss): entries on them keep the downloaded bytes so the reload after a recovery is an upload,
 * not a download (and works offline). On wasm and cpu the built model is the only copy needed.
 */
const LOSES_CONTEXT: ReadonlySet<BackendName> = new Set<BackendName>(['webgl', 'webgpu']);

/** The longest a load's `betweenFrames` waits for a frame to settle, ms. */
const BETWEEN_FRAMES_MS = 1000;

/** The shortest time between two progress updates of one model, ms. */
const PROGRESS_MS = 50;

/** The runtime settings a model entry loads with (those of the runtime that acquired it first). */
export type ModelSettings = Pick<RuntimeConfig, 'modelBaseUrl' | 'persistentCache' | 'releaseDelayMs'> &
  Partial<Pick<RuntimeConfig, 'integrity'>>;

/**
 * One shared model: loaded by the first lease, disposed `releaseDelayMs` after the last release,
 * reloaded after every backend change (`generation`).
 */
export class ModelEntry<T> extends Store<ModelEntryState<T>> implements DownloadHolder {
  private refs = 0;
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;
  private controller: AbortController | null = null;
  /** The backend generation the current model was loaded on. */
  private generation = -1;
  private files = new Map<string, LoadProgress>();
  /** JSON files (model.json, weight manifests) still downloading: until they declare their shards the total is unknown. */
  private pendingJson = 0;
  /** Progress is published at most every PROGRESS_MS (each publish can be a React render per consumer). */
  private progressAt = -Infinity;
  private progressTimer: ReturnType<typeof setTimeout> | null = null;
  /** The model died with its backend generation and this entry waits for `reload()` (its turn in the cache's recovery). */
  private owed = false;
  disposed = false;

  constructor(
    readonly spec: ModelSpec<T>,
    private readonly backend: BackendHandle,
    private readonly settings: ModelSettings,
    private readonly onDisposed: (entry: ModelEntry<T>) => void,
  ) {
    super({ status: 'loading', model: null, progress: { loaded: 0, total: 0 }, error: null });
    void this.backend.acquire().catch(() => undefined);
    this.load();
  }

  get references(): number {
    return this.refs;
  }

  retain(): void {
    this.refs++;
    if (this.releaseTimer !== null) {
      clearTimeout(this.releaseTimer);
      this.releaseTimer = null;
    }
  }

  releaseOne(releaseDelayMs: number): void {
    if (--this.refs > 0 || this.disposed) return;
    this.releaseTimer = setTimeout(() => this.dispose(), releaseDelayMs);
  }

  /** Load again after a failure, even while other leases hold the entry (a "Try again"). */
  retry(): void {
    if (this.disposed || this.getSnapshot().status !== 'error') return;
    this.load();
  }

  onBytes(url: string, loaded: number, total: number): void {
    this.files.set(url, { loaded, total });
    this.updateProgress();
  }

  private updateProgress(): void {
    let loaded = 0;
    let total = 0;
    for (const f of this.files.values()) {
      loaded += f.loaded;
      total += Math.max(f.total, f.loaded);
    }
    // A percentage of the JSON alone would jump back once its shards are declared: say "unknown".
    if (this.pendingJson > 0) total = 0;
    const p = this.getSnapshot().progress;
    if (p.loaded === loaded && p.total === total) return;
    const now = performance.now();
    // Published at once: the first known total, and the end; in between at most every PROGRESS_MS.
    const firstTotal = p.total === 0 && total > 0;
    if (!firstTotal && !(total > 0 && loaded >= total) && now - this.progressAt < PROGRESS_MS) {
      this.progressTimer ??= setTimeout(() => {
        this.progressTimer = null;
        if (!this.disposed) this.updateProgress();
      }, PROGRESS_MS);
      return;
    }
    this.progressAt = now;
    this.setState({ progress: { loaded, total } });
  }

  /**
   * The context one load runs in, and the sha256 checks of the weight files it fetched: those are
   * awaited after the model is built and before it is used (they run off the main thread while
   * the graph decodes). JSON files are checked before they are read.
   */
  private context(signal: AbortSignal, backendReady: () => Promise<void>, reloading: boolean): { context: LoadContext; checks: Promise<void>[] } {
    const checks: Promise<void>[] = [];
    const baseUrl = resolveModelUrl('', this.settings.modelBaseUrl);
    const persistent = this.settings.persistentCache;
    // One manifest lookup per load: a failure is retried by the next load, never remembered.
    let manifest: Promise<ManifestFiles> | null = null;
    const lookup = () => (manifest ??= resolveManifest(baseUrl, this.settings.integrity ?? 'if-available', signal));
    const bytes = async (input: string): Promise<ArrayBuffer> => {
      const url = resolveModelUrl(input, baseUrl);
      const json = url.endsWith('.json');
      if (json) this.pendingJson++;
      let body: ArrayBuffer;
      try {
        body = await fetchVerified(url, this, signal, { manifest: lookup, persistent, deferSha256: json ? undefined : (check) => checks.push(check) });
      } finally {
        if (json) this.pendingJson = Math.max(0, this.pendingJson - 1);
      }
      if (json) this.learnShards(url, body);
      else this.updateProgress();
      return body;
    };
    const context: LoadContext = {
      signal,
      resolveUrl: (path) => resolveModelUrl(path, baseUrl),
      bytes,
      backendReady,
      reloading,
      betweenFrames: async () => {
        signal.throwIfAborted();
        await nextFrameSettled(BETWEEN_FRAMES_MS);
        signal.throwIfAborted();
      },
      fetch: async (input, init) => {
        const url = resolveModelUrl(typeof Request !== 'undefined' && input instanceof Request ? input.url : String(input), baseUrl);
        if (init?.method && init.method.toUpperCase() !== 'GET') return fetch(url, { ...init, signal });
        return new Response(await bytes(url), { status: 200, headers: { 'content-type': contentType(url) } });
      },
    };
    return { context, checks };
  }

  /** A model.json names its shards: count their declared sizes into the total at once. */
  private learnShards(url: string, bytes: ArrayBuffer): void {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      throw new ModelLoadError(url, 'parse', error instanceof Error ? error.message : undefined, { cause: error });
    }
    for (const [urls, total] of declareShards(url, json)) {
      const list = urls.split(' ');
      if (list.some((u) => this.files.has(u))) continue;
      // Split the group's size over its shards: only the sum matters for progress.
      list.forEach((u, i) => this.files.set(u, { loaded: 0, total: i === 0 ? total : 0 }));
    }
    this.updateProgress();
  }

  /**
   * (Re)load on the current backend; retries when the backend changed during the load.
   * @returns settles (never rejects) once this attempt is over: ready, failed, or superseded
   */
  load(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    // A reload the cache's recovery asked for (`invalidate`): the model died with its backend.
    const reloading = this.owed;
    this.files.clear();
    this.pendingJson = 0;
    this.setState({ status: 'loading', model: null, error: null, progress: { loaded: 0, total: 0 } });
    return (async () => {
      try {
        for (;;) {
          // A spec that downloads first starts now: its files arrive while the backend initialises.
          const early = this.spec.startsBeforeBackend === true;
          if (!early) await this.backend.ready();
          if (signal.aborted) return;
          let generation = this.backend.getSnapshot().generation;
          const backendReady = async () => {
            if (!early) return;
            await this.backend.ready();
            signal.throwIfAborted();
            generation = this.backend.getSnapshot().generation;
          };
          const { context, checks } = this.context(signal, backendReady, reloading);
          let model: T;
          try {
            model = await this.spec.load(context);
          } catch (error) {
            // Bytes that fail their sha256 explain a failed build better than the build's error.
            await Promise.all(checks);
            throw error;
          }
          try {
            // No model built from bytes whose sha256 differs from manifest.json is ever handed out.
            await Promise.all(checks);
          } catch (error) {
            this.spec.dispose(model);
            throw error;
          }
          const now = this.backend.getSnapshot();
          if (signal.aborted) {
            this.spec.dispose(model);
            return;
          }
          if (now.generation !== generation || now.status !== 'ready') {
            this.spec.dispose(model);
            continue;
          }
          this.generation = generation;
          // The model holds its own copy of the weights now (wasm heap, typed arrays).
          if (now.backend === null || !LOSES_CONTEXT.has(now.backend)) releaseDownloads(this);
          // The last bytes' progress, not held back by the throttle, arrives with ready.
          this.progressAt = -Infinity;
          this.updateProgress();
          this.setState({ status: 'ready', model, error: null });
          return;
        }
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return;
        this.setState({ status: 'error', model: null, error: error instanceof Error ? error : new Error(String(error)) });
      } finally {
        if (this.controller === controller) this.owed = false;
      }
    })();
  }

  /**
   * The backend is ready on `generation`. A model built on an older one died with it: it is
   * disposed now (no frame may run it) and the entry stays `loading` until `reload()`, which the
   * cache calls in its turn. An error raised by the lost backend (not by the files) may be gone on
   * the new one: that entry waits for a reload too. A load still running retries by itself.
   * @returns whether the entry waits for `reload()`
   */
  invalidate(generation: number): boolean {
    const s = this.getSnapshot();
    if (this.disposed || generation === this.generation) return false;
    if (this.owed) return true;
    if (!(s.status === 'ready' && s.model) && !(s.status === 'error' && !(s.error instanceof ModelLoadError))) return false;
    if (s.model) this.spec.dispose(s.model);
    this.owed = true;
    this.setState({ status: 'loading', model: null, error: null });
    return true;
  }

  /** The reload `invalidate` asked for; settles once it is over (at once when none is owed). */
  reload(): Promise<void> {
    return this.owed && !this.disposed ? this.load() : Promise.resolve();
  }

  ready(): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const s = this.getSnapshot();
        if (s.status === 'ready' && s.model !== null) resolve(s.model);
        else if (s.status === 'error') reject(s.error);
        else return false;
        return true;
      };
      if (check()) return;
      const stop = this.subscribe(() => {
        if (check()) stop();
      });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.progressTimer !== null) clearTimeout(this.progressTimer);
    this.controller?.abort();
    const model = this.getSnapshot().model;
    if (model !== null) this.spec.dispose(model);
    releaseDownloads(this);
    this.backend.release();
    this.setState({ status: 'error', model: null, error: new ModelLoadError(this.spec.key, 'aborted') });
    this.onDisposed(this);
  }
}
