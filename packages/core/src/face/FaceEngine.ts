import * as tf from '@tensorflow/tfjs-core';
import { Store } from '../store/Store';
import { backendManager, getFrameLoop, modelCache, readFramePixels } from '../runtime/index';
import type { Frame, FrameSourceElement, ModelLease } from '../runtime/contracts';
import { isAbortError } from '../runtime/ModelLoadError';
import { FaceError, FaceErrorCode } from './FaceError';
import { estimateFaces } from './estimateFaces';
import { faceNetSpec, planNets, type FaceNetName, type FaceNets } from './faceModels';
import { FaceTracker } from './FaceTracker';
import { resolveFaceOptions, sameModels } from './resolveFaceOptions';
import type { FaceEngineOptions, FaceEngineState, FaceResult, ResolvedFaceOptions } from './types';

/** What `estimate` accepts: a loop frame, an element to read once, or an int32/float [h, w, 3] tensor. */
export type FaceInput = Frame | FrameSourceElement | tf.Tensor3D;

const INITIAL_STATE: FaceEngineState = {
  status: 'idle',
  error: null,
  progress: { loaded: 0, total: 0 },
  backend: null,
  fps: 0,
  latencyMs: 0,
  droppedFrames: 0,
  faces: [],
  frameSize: null,
};

function isFrame(input: FaceInput): input is Frame {
  return typeof (input as Frame).pixels === 'function' && 'source' in input;
}

function toError(error: unknown, code: FaceErrorCode, message: string): Error {
  if (error instanceof FaceError || (error instanceof Error && error.name === 'ModelLoadError')) return error;
  return new FaceError(code, `${message}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

type FrameTaskHandle = ReturnType<ReturnType<typeof getFrameLoop>['add']>;

/**
 * Face detection, landmarks, age/gender, expressions and descriptors over face-api's nets, on the
 * page's one TF.js (a framework-free `Store<FaceEngineState>`).
 *
 * The engine holds its models and runs on its source's frame loop while someone listens (a
 * `subscribe` or `subscribeResults` listener) and `enabled` is true. `estimate(input, ts)` is the
 * one code path: the frame loop, the benches and the tests all call it. Models are leased from
 * the shared cache, so several engines (and StrictMode's double mount) load each net once.
 */
export class FaceEngine extends Store<FaceEngineState> {
  private options: ResolvedFaceOptions;
  private source: FrameSourceElement | null = null;
  private readonly leases = new Map<FaceNetName, { lease: ModelLease<unknown>; stop: () => void }>();
  private readonly resultListeners = new Set<(result: FaceResult) => void>();
  private readonly tracker = new FaceTracker();
  private task: FrameTaskHandle | null = null;
  private stopTaskStats: (() => void) | null = null;
  private startingTask = false;
  private taskSource: FrameSourceElement | null = null;
  private taskMaxFps = Infinity;
  private stopBackend: (() => void) | null = null;
  /** Set by a direct `estimate`/`ready` call: keep the models until `dispose`. */
  private held = false;
  /** A frame failed in the loop: stay stopped until options or source change. */
  private failed = false;
  private lastTimestamp = -Infinity;
  private finishTimes: number[] = [];
  /** Bumped when published faces must be dropped (new source, disabled, disposed). */
  private epoch = 0;

  constructor(options: FaceEngineOptions = {}) {
    super(INITIAL_STATE);
    this.options = resolveFaceOptions(options);
    this.subscribeResults = this.subscribeResults.bind(this);
  }

  /** The options in force, defaults filled in. */
  getOptions(): ResolvedFaceOptions {
    return this.options;
  }

  /**
   * Change some options. Invalid values throw a `FaceError` (`invalid-options`) and change
   * nothing. Nets no longer needed are released, new ones are leased.
   */
  setOptions(partial: FaceEngineOptions): void {
    const next = resolveFaceOptions(partial, this.options);
    const previous = this.options;
    this.options = next;
    if (!sameModels(previous, next) || previous.enabled !== next.enabled || previous.maxFps !== next.maxFps) {
      this.failed = false;
      if (!next.enabled) {
        this.epoch++;
        this.tracker.reset();
        this.setState({ faces: [], frameSize: null });
      }
      this.sync();
    } else if (this.task && this.taskSource && (Object.keys(next) as (keyof ResolvedFaceOptions)[]).some((k) => next[k] !== previous[k])) {
      // A still image is offered once per content: offer it again under the new options.
      getFrameLoop(this.taskSource).invalidate();
    }
  }

  /** The element frames are read from (a video, image or canvas), or null to stop. */
  setSource(source: FrameSourceElement | null): void {
    if (source === this.source) return;
    this.source = source;
    this.failed = false;
    this.epoch++;
    this.tracker.reset();
    this.lastTimestamp = -Infinity;
    this.setState({ faces: [], frameSize: null });
    this.sync();
  }

  /**
   * Listen to every estimated frame without going through a state snapshot (for canvas
   * drawing or per-frame logic that does not need a React render). Keeps the engine running.
   */
  subscribeResults(listener: (result: FaceResult) => void): () => void {
    this.resultListeners.add(listener);
    this.sync();
    return () => {
      if (this.resultListeners.delete(listener)) this.sync();
    };
  }

  /** Lease every net the options need and resolve once they are loaded and warmed up. */
  async ready(): Promise<void> {
    this.held = true;
    this.acquireModels();
    await this.loadedNets();
  }

  /**
   * Find and describe the faces of one frame, track and smooth them, publish them (state and
   * result listeners) and return them. Source pixels, unmirrored.
   * @param timestampMs the frame's time, used to smooth by elapsed time (default: the frame's
   *   timestamp, or `performance.now()`)
   */
  async estimate(input: FaceInput, timestampMs?: number): Promise<FaceResult> {
    if (this.leases.size === 0 || !this.holdsNeededModels()) {
      this.held = true;
      this.acquireModels();
    }
    const nets = this.readyNets() ?? (await this.loadedNets());
    const options = this.options;
    const epoch = this.epoch;
    const started = performance.now();
    let image: tf.Tensor3D;
    let owned = false;
    if (input instanceof tf.Tensor) image = input;
    else if (isFrame(input)) image = input.pixels();
    else {
      image = readFramePixels(input);
      owned = true;
    }
    let raw;
    try {
      raw = await estimateFaces(nets, image, options);
    } catch (error) {
      throw toError(error, FaceErrorCode.Inference, 'face inference failed');
    } finally {
      if (owned) image.dispose();
    }
    const timestamp = timestampMs ?? (isFrame(input) ? input.timestamp : performance.now());
    const [height, width] = image.shape;
    // The source changed (or the engine was disabled or disposed) while this frame ran: its
    // faces belong to nothing on screen any more, so they are returned but not published.
    if (epoch !== this.epoch) return { faces: new FaceTracker().update(raw, timestamp, 0), width, height, timestamp };
    if (timestamp < this.lastTimestamp) this.tracker.reset();
    this.lastTimestamp = timestamp;
    const faces = this.tracker.update(raw, timestamp, options.smoothing);
    const result: FaceResult = { faces, width, height, timestamp };

    const finished = performance.now();
    this.finishTimes.push(finished);
    while (this.finishTimes.length > 0 && this.finishTimes[0] < finished - 1000) this.finishTimes.shift();
    const frameSize = this.getSnapshot().frameSize;
    this.setState({
      faces,
      frameSize: frameSize && frameSize.width === width && frameSize.height === height ? frameSize : { width, height },
      latencyMs: finished - started,
      fps: this.finishTimes.length,
    });
    for (const listener of [...this.resultListeners]) listener(result);
    return result;
  }

  /**
   * Stop the loop and give back every model lease. The engine can be used again afterwards (a
   * new listener, `setOptions` or `estimate` leases the models again), which is what lets a React
   * hook dispose in an effect cleanup under StrictMode.
   */
  dispose(): void {
    this.epoch++;
    this.held = false;
    this.stopTask();
    this.releaseModels([]);
    this.tracker.reset();
    this.lastTimestamp = -Infinity;
    this.setState({ ...INITIAL_STATE, backend: this.getSnapshot().backend });
  }

  protected override onFirstSubscribe(): void {
    this.sync();
  }

  protected override onLastUnsubscribe(): void {
    this.sync();
  }

  private get wanted(): boolean {
    return this.options.enabled && (this.listenerCount > 0 || this.resultListeners.size > 0);
  }

  /** Bring leases and the frame task in line with options, source and listeners. */
  private sync(): void {
    if (this.wanted || this.held) this.acquireModels();
    else this.releaseModels([]);
    this.syncTask();
  }

  /** Run on the source's frame loop only while wanted and every model is ready. */
  private syncTask(): void {
    if (this.wanted && this.source && !this.failed && this.readyNets()) this.startTask(this.source);
    else this.stopTask();
  }

  private holdsNeededModels(): boolean {
    return planNets(this.options).every((name) => this.leases.has(name));
  }

  private acquireModels(): void {
    const needed = planNets(this.options);
    for (const name of needed) {
      if (this.leases.has(name)) continue;
      const lease = modelCache.acquire(faceNetSpec(name)) as ModelLease<unknown>;
      const stop = lease.subscribe(() => this.refreshModelState());
      this.leases.set(name, { lease, stop });
    }
    this.releaseModels(needed);
    if (!this.stopBackend) this.stopBackend = backendManager.subscribe(() => this.refreshModelState());
    this.refreshModelState();
  }

  /** Release every lease not in `keep`. */
  private releaseModels(keep: readonly FaceNetName[]): void {
    for (const [name, { lease, stop }] of this.leases) {
      if (keep.includes(name)) continue;
      stop();
      lease.release();
      this.leases.delete(name);
    }
    if (this.leases.size === 0) {
      this.stopBackend?.();
      this.stopBackend = null;
      this.setState({ status: 'idle', error: null, progress: INITIAL_STATE.progress });
    }
  }

  private refreshModelState(): void {
    if (this.leases.size === 0) return;
    const backend = backendManager.getSnapshot();
    let loaded = 0;
    let total = 0;
    let error: Error | null = null;
    let allReady = true;
    for (const { lease } of this.leases.values()) {
      const entry = lease.getSnapshot();
      loaded += entry.progress.loaded;
      total += entry.progress.total;
      if (entry.status === 'error' && !error && !isAbortError(entry.error)) error = toError(entry.error, FaceErrorCode.ModelLoad, 'a face model failed to load');
      if (entry.status !== 'ready' || !entry.model) allReady = false;
    }
    if (backend.status === 'error' && !error && backend.error) error = backend.error;
    const status: FaceEngineState['status'] = error
      ? 'error'
      : backend.status === 'recovering'
        ? 'recovering'
        : !allReady
          ? 'loading'
          : this.failed
            ? 'error'
            : 'ready';
    const progress = this.getSnapshot().progress;
    this.setState({
      status,
      error: error ?? (status === 'error' ? this.getSnapshot().error : null),
      progress: progress.loaded === loaded && progress.total === total ? progress : { loaded, total },
      backend: backend.backend,
    });
    this.syncTask();
  }

  /** The loaded nets when every lease is ready, without waiting. */
  private readyNets(): FaceNets | null {
    const nets: Record<string, unknown> = {};
    for (const [name, { lease }] of this.leases) {
      const model = lease.getSnapshot().model;
      if (!model) return null;
      nets[name] = model;
    }
    return nets as FaceNets;
  }

  private async loadedNets(): Promise<FaceNets> {
    const entries = [...this.leases];
    try {
      const models = await Promise.all(entries.map(([, { lease }]) => lease.ready()));
      return Object.fromEntries(entries.map(([name], i) => [name, models[i]])) as FaceNets;
    } catch (error) {
      throw toError(error, FaceErrorCode.ModelLoad, 'a face model failed to load');
    }
  }

  private startTask(source: FrameSourceElement): void {
    if (this.task && this.taskSource === source && this.taskMaxFps === this.options.maxFps) return;
    // Adding a task can start the loop, which acquires the backend and may notify us re-entrantly.
    if (this.startingTask) return;
    this.startingTask = true;
    try {
      this.addTask(source);
    } finally {
      this.startingTask = false;
    }
  }

  private addTask(source: FrameSourceElement): void {
    this.stopTask();
    this.taskSource = source;
    this.taskMaxFps = this.options.maxFps;
    this.task = getFrameLoop(source).add({
      maxFps: this.options.maxFps,
      run: async (frame) => {
        try {
          await this.estimate(frame);
        } catch (error) {
          this.failed = true;
          this.stopTask();
          this.setState({ status: 'error', error: toError(error, FaceErrorCode.Inference, 'face inference failed') });
        }
      },
    });
    // The loop offers a still image once per content; a new task must see it too.
    getFrameLoop(source).invalidate();
    const task = this.task;
    this.stopTaskStats = task.subscribe(() => this.setState({ droppedFrames: task.stats().dropped }));
  }

  private stopTask(): void {
    this.stopTaskStats?.();
    this.stopTaskStats = null;
    this.task?.remove();
    this.task = null;
    this.taskSource = null;
  }
}
