import { CodedError } from '../errors/CodedError';
import * as tf from '@tensorflow/tfjs-core';
import { Store } from '../store/Store';
import { pageConfig, type ConfigStore } from './config';
import type { BackendName, BackendPreference, BackendProbe, BackendState } from './contracts';
import { describeError } from './ModelLoadError';
import { detectHardware, initialiseBackend, probeBackend, probeCandidates } from './backendProbe';
import { canRecreate, hasLostContext, recreateBackend, setWasmBaseUrl, settleLostReads } from './backendRegistry';
import { watchContextLoss } from './contextLossWatch';
import { BACKEND_NAMES, rankBackends } from './rankBackends';

export { BACKEND_NAMES } from './rankBackends';

/** What the model cache and frame loops need from a backend manager (a fake one in unit tests). */
export interface BackendHandle {
  acquire: () => Promise<BackendName>;
  release: () => void;
  ready: () => Promise<BackendName>;
  getSnapshot: () => BackendState;
  subscribe: (listener: () => void) => () => void;
}

/** Why no backend is there: none works on this device (`no-backend`), or the one asked for failed (`init-failed`). */
export type BackendErrorCode = 'no-backend' | 'init-failed';

/** Thrown by `backendManager.ready()` when no backend works; `code` says which way it failed. */
export class BackendError extends CodedError<BackendErrorCode> {
  override readonly name = 'BackendError';

  constructor(message: string, options?: { cause?: unknown; code?: BackendErrorCode }) {
    super(options?.code ?? 'no-backend', message, { cause: options?.cause });
  }
}

/**
 * Chooses, initialises and watches the one TF.js backend of the page (a `Store<BackendState>`).
 *
 * - `'auto'` probes the candidates (webgpu, webgl, wasm, cpu): a software WebGL/WebGPU renderer
 *   (SwiftShader, llvmpipe) is demoted without being initialised; every other candidate must
 *   compute a known matMul and conv2d correctly, then a small MobileNet-like workload is timed and
 *   the fastest wins. A demoted renderer is probed only when no wasm or hardware GPU backend works.
 * - `acquire()`/`release()` count consumers; the first `acquire` starts the selection. The chosen
 *   backend stays for the page after the last release (TF.js backends are costly to re-create).
 * - A lost WebGL context (or a lost WebGPU device) sets `status: 'recovering'`, re-creates the same
 *   backend when it works again or moves to the next best, and increments `generation`; the model
 *   cache then reloads every live model on the new backend. An explicit switch (`use`) does too.
 */
export class BackendManager extends Store<BackendState> implements BackendHandle {
  private refs = 0;
  private started = false;
  /** Serialises selection, switches and recoveries: TF.js has one global active backend. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Candidates ranked by the last automatic selection, best first. */
  private ranking: BackendName[] = [];
  private autoChoice: { backend: BackendName; reason: string } | null = null;
  private unwatch: (() => void) | null = null;
  /** What `use`/`setPreference` last asked for; read when the selection starts. */
  private preference: BackendPreference = 'auto';

  /**
   * @param settings the settings whose `backend` this manager follows (the page default's for the
   *   page's manager); other runtimes call `setPreference`. The last change wins.
   */
  constructor(private readonly settings: ConfigStore | null = null) {
    super({ status: 'idle', backend: null, reason: '', probes: [], generation: 0, error: null });
    if (settings) {
      this.preference = settings.get().backend;
      settings.subscribe((next, previous) => {
        if (next.backend !== previous.backend) this.setPreference(next.backend);
      });
    }
  }

  /** How many consumers hold the backend. */
  get consumers(): number {
    return this.refs;
  }

  /**
   * Count a consumer; the first one starts selecting the backend from the preference
   * (`setPreference`, which runtimes call with their `backend` setting).
   * @returns the active backend once ready
   */
  acquire(): Promise<BackendName> {
    this.refs++;
    this.start();
    return this.ready();
  }

  /** Give back what `acquire` counted. The backend itself stays initialised. */
  release(): void {
    if (this.refs > 0) this.refs--;
  }

  /**
   * Resolves with the active backend as soon as the status is `ready` (waiting through `selecting`
   * and `recovering`); rejects with the error when no backend works. Does not start a selection.
   */
  ready(): Promise<BackendName> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const s = this.getSnapshot();
        if (s.status === 'ready' && s.backend) resolve(s.backend);
        else if (s.status === 'error') reject(s.error ?? new BackendError('No TF.js backend could be initialised'));
        else return false;
        return true;
      };
      if (check()) return;
      const stop = this.subscribe(() => {
        if (check()) stop();
      });
    });
  }

  /**
   * Set the preference without waiting: before the selection started it is what the selection
   * uses; afterwards a different value really switches (`tf.setBackend`) and models reload. The
   * runtime (`createRuntime`, `configure({ backend })`) is the one caller: its setting is the
   * one truth, so nothing else writes it back.
   */
  setPreference(preference: BackendPreference): void {
    if (!BACKEND_NAMES.includes(preference as BackendName) && preference !== 'auto') {
      throw new TypeError(`backend: expected 'auto', ${BACKEND_NAMES.map((b) => `'${b}'`).join(', ')}; got ${JSON.stringify(preference)}`);
    }
    if (preference === this.preference) return;
    this.preference = preference;
    if (!this.started) return;
    this.setState({ status: 'selecting' });
    this.schedule(() => this.select(preference, true));
  }

  /** The backend the runtimes asked for (`'auto'` until one asks for another). */
  getPreference(): BackendPreference {
    return this.preference;
  }

  /**
   * Where the TF.js wasm binaries are served. Applies to the first initialisation of the wasm
   * backend only (TF.js reads it once); runtimes set it from their `modelBaseUrl`.
   */
  setWasmBaseUrl(url: string): void {
    setWasmBaseUrl(url);
  }

  /**
   * Choose the backend explicitly (or go back to `'auto'`) and wait for it. Prefer the runtime's
   * `configure({ backend })`, which records the choice in its settings; this sets the preference
   * directly.
   * @returns the backend now active (the automatic choice when the requested one cannot start)
   */
  use(preference: BackendPreference): Promise<BackendName> {
    try {
      this.setPreference(preference);
    } catch (error) {
      return Promise.reject(error);
    }
    this.start();
    return this.schedule(async () => undefined).then(() => this.ready());
  }

  /**
   * Simulate or report a lost GPU context: re-initialise as after a `webglcontextlost` event.
   * @returns the backend active after the recovery
   */
  recover(reason = 'the GPU context was lost'): Promise<BackendName> {
    const lost = this.getSnapshot().backend;
    this.setState({ status: 'recovering', reason: `recovering: ${reason}` });
    this.schedule(() => this.reinitialise(lost, reason));
    return this.ready();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.setState({ status: 'selecting' });
    this.schedule(() => this.select(this.preference, false));
  }

  /** Queue a selection step; an unexpected failure becomes the `error` state, never a hang. */
  private schedule(task: () => Promise<void>): Promise<void> {
    const guarded = () =>
      task().catch((cause: unknown) => {
        const error = new BackendError(`Backend selection failed: ${describeError(cause)}`, { cause });
        this.setState({ status: 'error', backend: null, reason: error.message, error });
      });
    const run = this.queue.then(guarded, guarded);
    this.queue = run;
    return run;
  }

  private recordProbe(probe: BackendProbe): void {
    const probes = this.getSnapshot().probes.filter((p) => p.name !== probe.name);
    probes.push(probe);
    probes.sort((a, b) => BACKEND_NAMES.indexOf(a.name) - BACKEND_NAMES.indexOf(b.name));
    this.setState({ probes });
  }

  /** Probe every candidate (`probeCandidates`) and rank them (`rankBackends`). */
  private async autoSelect(): Promise<{ backend: BackendName; reason: string } | null> {
    const { order, choice } = rankBackends(await probeCandidates((probe) => this.recordProbe(probe)));
    if (choice) this.ranking = order;
    return choice;
  }

  /** Choose and activate a backend. A switch away from an earlier backend bumps `generation`. */
  private async select(preference: BackendPreference, isSwitch: boolean): Promise<void> {
    const before = this.getSnapshot();
    this.setState({ status: 'selecting', error: null });
    let choice: { backend: BackendName; reason: string } | null = null;
    if (preference !== 'auto') {
      const hw = await detectHardware(preference);
      const probe = hw.skip ? { name: preference, ok: false, note: hw.skip } : await probeBackend(preference, Infinity, true, hw.software);
      this.recordProbe(probe);
      if (probe.ok) choice = { backend: preference, reason: `${preference} was requested${hw.software ? ` (${hw.software})` : ''}` };
      else {
        this.autoChoice ??= await this.autoSelect();
        const auto = this.autoChoice;
        if (auto) choice = { backend: auto.backend, reason: `${preference} was requested but ${probe.note}; ${auto.reason}` };
      }
    } else {
      // The candidates were measured once; switching back to 'auto' reuses that ranking.
      this.autoChoice ??= await this.autoSelect();
      choice = this.autoChoice;
    }
    if (!choice) {
      const error = new BackendError(`No TF.js backend works here: ${this.getSnapshot().probes.map((p) => `${p.name}: ${p.note ?? 'failed'}`).join('; ')}`);
      this.setState({ status: 'error', backend: null, reason: error.message, error });
      return;
    }
    await this.activate(choice.backend);
    const changed = isSwitch && before.backend !== null && before.backend !== choice.backend;
    this.setState({
      status: 'ready',
      backend: choice.backend,
      reason: choice.reason,
      generation: changed ? before.generation + 1 : before.generation,
      error: null,
    });
  }

  /** Make `name` the active TF.js backend and watch it for context loss. */
  private async activate(name: BackendName): Promise<void> {
    if (hasLostContext(name)) recreateBackend(name);
    if (tf.getBackend() !== name && !(await tf.setBackend(name))) throw new BackendError(`${name} failed to initialise`, { code: 'init-failed' });
    await tf.ready();
    this.unwatch?.();
    this.unwatch = watchContextLoss(name, (why) => void this.recover(why));
  }

  private async reinitialise(lost: BackendName | null, why: string): Promise<void> {
    this.unwatch?.();
    this.unwatch = null;
    const before = this.getSnapshot();
    const order = lost ? [lost, ...(this.ranking.length ? this.ranking : BACKEND_NAMES).filter((n) => n !== lost)] : [...this.ranking];
    for (const name of order) {
      if (name === lost) {
        if (!canRecreate(name)) continue;
        // Their callers go on (and dispose their tensors) on the old backend, before it goes.
        if (settleLostReads(name)) await new Promise((resolve) => setTimeout(resolve, 0));
        recreateBackend(name);
      }
      const failure = await initialiseBackend(name, true, name === lost);
      if (failure) {
        this.recordProbe({ name, ok: false, note: `after ${why}: ${failure}` });
        continue;
      }
      await this.activate(name);
      this.setState({
        status: 'ready',
        backend: name,
        reason: `${name === lost ? 're-initialised' : `moved to ${name}`} after ${why}`,
        generation: before.generation + 1,
        error: null,
      });
      return;
    }
    const error = new BackendError(`No TF.js backend works after ${why}`);
    this.setState({ status: 'error', backend: null, reason: error.message, error });
  }

  /** Forget everything (tests): the next `acquire` selects again. */
  reset(): void {
    this.unwatch?.();
    this.unwatch = null;
    this.started = false;
    this.preference = this.settings?.get().backend ?? 'auto';
    this.refs = 0;
    this.ranking = [];
    this.autoChoice = null;
    this.setState({ status: 'idle', backend: null, reason: '', probes: [], error: null });
  }
}

/** The page's one backend manager. */
export const backendManager = /* @__PURE__ */ new BackendManager(pageConfig);
