import type * as tf from '@tensorflow/tfjs-core';
import { Store } from '../store/Store';
import { backendManager, getFrameLoop, modelCache, type FrameTaskHandle } from '../runtime';
import { resolveModelUrl } from '../runtime/config';
import { frameSize, readFramePixels, sourceSize } from '../runtime/framePixels';
import type {
  BackendName,
  Frame,
  FrameSourceElement,
  LoadProgress,
  ModelLease,
} from '../runtime/contracts';
import type { Pose, PoseKeypoint, KeypointName } from './keypoints';
import { createPoseSession, poseModelSpec, type LoadedPoseModel, type PoseSession } from './poseModels';
import { resolvePoseOptions, type PoseOptions, type ResolvedPoseOptions } from './poseOptions';

/** Where a `PoseEngine` is: no work asked for, model loading, running, or failed. */
export type PoseStatus = 'idle' | 'loading' | 'ready' | 'recovering' | 'error';

/** What `PoseEngine.estimate` accepts: an element, or a [height, width, 3] int32 pixel tensor. */
export type PoseInput = FrameSourceElement | tf.Tensor3D;

/** The observable state of a `PoseEngine` (what `usePose` returns, less the callbacks). */
export interface PoseState {
  status: PoseStatus;
  /** Why `status` is `'error'` (a `ModelLoadError`, a `BackendError`, or an inference failure). */
  error: Error | null;
  /** Bytes of the model downloaded so far. */
  progress: LoadProgress;
  /** The TF.js backend the model runs on, once known. */
  backend: BackendName | null;
  /** The poses of the last processed frame, best first. */
  poses: Pose[];
  /** Size in source pixels of the last processed frame (keypoints' `x`/`y` are in this space). */
  frameSize: { width: number; height: number } | null;
  /** Timestamp (ms) of the last processed frame. */
  timestamp: number | null;
  /** Frames estimated per second over the last second or so. */
  fps: number;
  /** Milliseconds the last estimation took. */
  latencyMs: number;
  /** Frames the source presented while an estimation was still running. */
  droppedFrames: number;
}

/** What result listeners receive once per processed frame. */
export interface PoseResult {
  poses: Pose[];
  frameSize: { width: number; height: number };
  timestamp: number | null;
  latencyMs: number;
}

const NO_PROGRESS: LoadProgress = { loaded: 0, total: 0 };

function initialState(): PoseState {
  return {
    status: 'idle',
    error: null,
    progress: NO_PROGRESS,
    backend: null,
    poses: [],
    frameSize: null,
    timestamp: null,
    fps: 0,
    latencyMs: 0,
    droppedFrames: 0,
  };
}

function isTensor(input: PoseInput): input is tf.Tensor3D {
  return typeof (input as tf.Tensor3D).shape === 'object' && typeof (input as tf.Tensor3D).dataId === 'object';
}

/** Intrinsic size of any input, in source pixels. */
export function inputSize(input: PoseInput): { width: number; height: number } {
  if (isTensor(input)) return { width: input.shape[1], height: input.shape[0] };
  if (typeof HTMLVideoElement !== 'undefined' && input instanceof HTMLVideoElement) {
    return { width: input.videoWidth, height: input.videoHeight };
  }
  if (typeof HTMLImageElement !== 'undefined' && input instanceof HTMLImageElement) {
    return { width: input.naturalWidth, height: input.naturalHeight };
  }
  return { width: input.width, height: input.height };
}

/** pose-detection reads every input but an OffscreenCanvas; that one is read through its 2d context. */
/**
 * What to hand pose-detection: elements as they are (it reads them itself, as the bare library
 * does), except an OffscreenCanvas (which it cannot read) and a source larger than
 * `MAX_FRAME_SIDE`, which are read here, scaled down like the frame loop's frames; the caller
 * disposes `owned`.
 */
function toPixelInput(input: PoseInput): { pixels: Exclude<PoseInput, OffscreenCanvas>; owned: tf.Tensor3D | null } {
  if (isTensor(input)) return { pixels: input, owned: null };
  const source = input as FrameSourceElement;
  const size = sourceSize(source);
  const target = frameSize(source);
  const offscreen = typeof OffscreenCanvas !== 'undefined' && input instanceof OffscreenCanvas;
  if (!offscreen && size.width === target.width && size.height === target.height) {
    return { pixels: input as Exclude<PoseInput, OffscreenCanvas>, owned: null };
  }
  const owned = readFramePixels(source);
  return { pixels: owned, owned };
}

/** An inference failed; `cause` holds the original error. */
export class PoseEstimationError extends Error {
  override readonly name = 'PoseEstimationError';
}

/**
 * Body-pose estimation over `@tensorflow-models/pose-detection`, framework-free (a `Store`).
 *
 * - Resources are held while someone listens (`subscribe`, `subscribeResults`) or after a direct
 *   `estimate()`, and let go on the last unsubscribe or `dispose()`: the model through the shared
 *   `modelCache` (one download and one copy of the weights per page, released after a delay so a
 *   remount reuses it), the frames through the source's shared frame loop.
 * - `estimate(input, timestampMs)` is the one code path: the frame loop calls it with each frame's
 *   shared pixel tensor; benches and tests call it directly with a seeked video.
 * - Keypoints are in source pixels of the unmirrored frame (`x`, `y`) and normalised (`nx`, `ny`).
 *
 * ```ts
 * const engine = new PoseEngine({ model: 'lightning' });
 * engine.setSource(video);
 * const stop = engine.subscribeResults(({ poses }) => draw(poses));
 * ```
 */
export class PoseEngine extends Store<PoseState> {
  private options: ResolvedPoseOptions;
  private source: FrameSourceElement | null = null;
  private resultListeners = new Set<(result: PoseResult) => void>();
  private lease: ModelLease<LoadedPoseModel> | null = null;
  private leaseKey = '';
  /** The current lease has been ready once: loading again means a backend recovery. */
  private leaseWasReady = false;
  private stopLease: (() => void) | null = null;
  private stopBackend: (() => void) | null = null;
  private task: FrameTaskHandle | null = null;
  private session: PoseSession | null = null;
  private sessionModel: LoadedPoseModel | null = null;
  /** Bumped when the session's settings change, so the next frame rebuilds it. */
  private sessionStale = false;
  private directUse = false;
  private previous = new Map<number, PoseKeypoint[]>();
  private fpsWindow: number[] = [];

  constructor(options: PoseOptions = {}) {
    super(initialState());
    this.options = resolvePoseOptions(options);
    this.subscribeResults = this.subscribeResults.bind(this);
  }

  /** The options in force, defaults filled in. */
  getOptions(): Readonly<ResolvedPoseOptions> {
    return this.options;
  }

  /**
   * Change some options; the rest keep their values. Throws a `PoseOptionsError` (and changes
   * nothing) when one is invalid. A new model swaps the lease; new smoothing or minScore rebuilds
   * the detector's filters on the next frame.
   */
  setOptions(partial: PoseOptions): void {
    const next = resolvePoseOptions({
      ...this.options,
      // maxPoses defaults per model: drop the old default when the model changes.
      ...(partial.model !== undefined && partial.model !== this.options.model && partial.maxPoses === undefined
        ? { maxPoses: undefined }
        : {}),
      ...partial,
    });
    const prev = this.options;
    this.options = next;
    if (next.smoothing !== prev.smoothing || next.minScore !== prev.minScore) {
      this.sessionStale = true;
      this.previous.clear();
    }
    if (!this.isActive) return;
    if (next.model !== prev.model || next.enabled !== prev.enabled) {
      this.syncLease();
      this.syncStatus();
    }
    if (next.maxFps !== prev.maxFps || next.enabled !== prev.enabled || next.model !== prev.model) this.syncTask();
    if (!next.enabled) this.setState({ poses: [], fps: 0 });
  }

  /** Process frames of `source` (a video, image or canvas), or stop with `null`. */
  setSource(source: FrameSourceElement | null): void {
    if (source === this.source) return;
    this.source = source;
    this.reset();
    this.setState({ poses: [], frameSize: null, timestamp: null, fps: 0 });
    if (this.isActive) this.syncTask();
  }

  /**
   * Call `listener` with every processed frame's poses, without going through a snapshot (for a
   * game loop or a canvas). Holds the engine's resources like `subscribe` does.
   * @returns the function that stops listening
   */
  subscribeResults(listener: (result: PoseResult) => void): () => void {
    const wasActive = this.isActive;
    this.resultListeners.add(listener);
    if (!wasActive) this.activate();
    return () => {
      if (!this.resultListeners.delete(listener)) return;
      if (!this.isActive) this.deactivate();
    };
  }

  /** Resolves with the loaded model (acquiring it if nobody has yet). */
  async ready(): Promise<void> {
    if (!this.lease) {
      this.directUse = true;
      this.activate();
    }
    await this.lease?.ready();
  }

  /**
   * Estimate the poses in one frame. The frame loop calls this for every frame; call it yourself
   * to process stills or step through a video deterministically. `timestampMs` feeds the
   * smoothing filter (frames 33.333 ms apart behave like a 30 fps video); without one, a video's
   * `currentTime` is used and stills are not smoothed.
   * Updates the state and calls the result listeners like a frame from the loop.
   */
  estimate(input: PoseInput, timestampMs?: number): Promise<Pose[]> {
    return this.run(input, timestampMs, performance.now());
  }

  /**
   * Forget the tracking and smoothing state, as at the start of a new video (a new source does
   * this by itself). The next frame is estimated without reference to the previous ones.
   */
  reset(): void {
    this.sessionStale = true;
    this.previous.clear();
    this.fpsWindow = [];
  }

  /**
   * Let go of the model, the frame loop and the listeners' resources. The engine stays usable: a
   * new subscription or `estimate()` acquires them again (so React StrictMode's remount works).
   */
  dispose(): void {
    this.directUse = false;
    this.deactivate();
  }

  /** `estimate`, with the time the frame's work started (before the loop's pixel read). */
  private async run(input: PoseInput, timestampMs: number | undefined, started: number): Promise<Pose[]> {
    if (!this.lease) {
      this.directUse = true;
      this.activate();
    }
    const lease = this.lease;
    if (!lease) return [];
    // Read the model each frame: after a backend recovery the lease holds a new instance.
    const model = lease.getSnapshot().model ?? (await lease.ready());
    const session = this.sessionFor(model);
    const { maxPoses, minScore } = this.options;
    let raw;
    const { pixels, owned } = toPixelInput(input);
    try {
      raw = await session.detector.estimatePoses(pixels, { maxPoses, flipHorizontal: false }, timestampMs);
    } catch (error) {
      if (this.lease !== lease) throw error;
      const failure = new PoseEstimationError(
        `pose: inference failed on ${this.getSnapshot().backend ?? 'the active backend'}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
      this.setState({ status: 'error', error: failure });
      throw failure;
    } finally {
      owned?.dispose();
    }
    const size = owned ? { width: owned.shape[1], height: owned.shape[0] } : inputSize(input);
    const poses = this.toPoses(raw, size, minScore, maxPoses);
    // Disposed, or switched to another model, while this frame ran: report nothing stale.
    if (this.lease !== lease) return poses;
    const finished = performance.now();
    const latencyMs = finished - started;
    const known = this.getSnapshot().frameSize;
    this.setState({
      poses,
      // Keep the same object while the size holds, so consumers comparing by identity do not redraw.
      frameSize: known && known.width === size.width && known.height === size.height ? known : size,
      timestamp: timestampMs ?? null,
      latencyMs,
      fps: this.tickFps(finished),
      ...(this.getSnapshot().status === 'error' && this.getSnapshot().error instanceof PoseEstimationError
        ? { status: 'ready' as const, error: null }
        : {}),
    });
    if (this.resultListeners.size) {
      const result: PoseResult = { poses, frameSize: size, timestamp: timestampMs ?? null, latencyMs };
      for (const listener of [...this.resultListeners]) listener(result);
    }
    return poses;
  }

  protected override onFirstSubscribe(): void {
    if (this.resultListeners.size === 0 && !this.directUse) this.activate();
  }

  protected override onLastUnsubscribe(): void {
    if (!this.isActive) this.deactivate();
  }

  private get isActive(): boolean {
    return this.listenerCount > 0 || this.resultListeners.size > 0 || this.directUse;
  }

  private activate(): void {
    if (!this.stopBackend) {
      const syncBackend = () => {
        const b = backendManager.getSnapshot();
        this.setState({ backend: b.backend });
        this.syncStatus();
      };
      this.stopBackend = backendManager.subscribe(syncBackend);
      syncBackend();
    }
    this.syncLease();
    this.syncTask();
  }

  private deactivate(): void {
    this.task?.remove();
    this.task = null;
    this.stopBackend?.();
    this.stopBackend = null;
    this.releaseLease();
    this.previous.clear();
    this.fpsWindow = [];
    this.setState({ status: 'idle', error: null, progress: NO_PROGRESS, poses: [], fps: 0 });
  }

  /** Acquire the lease for the current model (and let go of a previous model's). */
  private syncLease(): void {
    const spec = poseModelSpec(this.options.model, resolveModelUrl);
    if (this.lease && this.leaseKey === spec.key) return;
    // Disabled: no download, but a model already loaded (of this key) stays for a quick re-enable.
    if (!this.options.enabled && !this.directUse) {
      if (this.lease) this.releaseLease();
      this.syncStatus();
      return;
    }
    this.releaseLease();
    const lease = modelCache.acquire(spec);
    this.lease = lease;
    this.leaseWasReady = false;
    this.leaseKey = spec.key;
    this.stopLease = lease.subscribe(() => this.syncStatus());
    this.syncStatus();
    // The error is surfaced through the state; this catch only stops an unhandled rejection.
    lease.ready().catch(() => {});
  }

  private releaseLease(): void {
    this.stopLease?.();
    this.stopLease = null;
    this.session?.dispose();
    this.session = null;
    this.sessionModel = null;
    this.lease?.release();
    this.lease = null;
    this.leaseKey = '';
  }

  /** Derive status, error and progress from the lease and the backend. */
  private syncStatus(): void {
    const lease = this.lease;
    if (!this.options.enabled && !this.directUse) {
      this.setState({ status: 'idle', error: null, progress: lease?.getSnapshot().progress ?? NO_PROGRESS });
      return;
    }
    if (!lease) return;
    const entry = lease.getSnapshot();
    const backend = backendManager.getSnapshot();
    const current = this.getSnapshot();
    const inferenceError = current.error instanceof PoseEstimationError ? current.error : null;
    let status: PoseStatus;
    let error: Error | null = null;
    if (entry.status === 'error') {
      status = 'error';
      error = entry.error;
    } else if (backend.status === 'recovering') {
      status = 'recovering';
    } else if (entry.status === 'loading') {
      status = this.leaseWasReady ? 'recovering' : 'loading';
    } else if (inferenceError) {
      status = 'error';
      error = inferenceError;
    } else {
      status = 'ready';
    }
    if (entry.status === 'ready') this.leaseWasReady = true;
    this.setState({ status, error, progress: entry.progress });
    if (entry.status === 'ready' && !this.task && this.source && this.isActive) this.syncTask();
  }

  /** Register on (or leave) the source's frame loop according to source, enabled and maxFps. */
  private syncTask(): void {
    this.task?.remove();
    this.task = null;
    // Join the loop only once the model is ready: a still image is offered once, and must not be
    // spent on a frame the model could not yet process.
    if (!this.source || !this.options.enabled || this.lease?.getSnapshot().status !== 'ready') return;
    const loop = getFrameLoop(this.source);
    const task = loop.add({
      maxFps: this.options.maxFps,
      run: (frame: Frame) => this.runFrame(frame),
      // Already in the state as a PoseEstimationError; the loop goes on with the next frame.
      onError: () => {},
    });
    task.subscribe(() => this.setState({ droppedFrames: task.stats().dropped }));
    this.task = task;
    // A still image may have been offered to the loop's other tasks already: offer it again.
    loop.invalidate();
  }

  private async runFrame(frame: Frame): Promise<void> {
    const lease = this.lease;
    // While a recovered backend reloads the model, frames are skipped, not queued.
    if (!lease || lease.getSnapshot().status !== 'ready') return;
    const started = performance.now();
    await this.run(frame.pixels(), frame.timestamp, started);
  }

  private sessionFor(model: LoadedPoseModel): PoseSession {
    if (!this.session || this.sessionModel !== model || this.sessionStale) {
      this.session?.dispose();
      const { smoothing, minScore } = this.options;
      this.session = createPoseSession(model, { enableSmoothing: smoothing !== false, minPoseScore: minScore });
      this.sessionModel = model;
      this.sessionStale = false;
    }
    return this.session;
  }

  private toPoses(
    raw: { score?: number; keypoints: { x: number; y: number; score?: number; name?: string }[]; id?: number }[],
    size: { width: number; height: number },
    minScore: number,
    maxPoses: number,
  ): Pose[] {
    const blend = typeof this.options.smoothing === 'number' ? this.options.smoothing : 0;
    const w = size.width || 1;
    const h = size.height || 1;
    const poses: Pose[] = [];
    const seen = new Set<number>();
    const sorted = raw.length > 1 ? [...raw].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)) : raw;
    for (const p of sorted) {
      const score = p.score ?? 0;
      if (score < minScore) continue;
      const key = p.id ?? poses.length;
      const before = blend > 0 ? this.previous.get(key) : undefined;
      const keypoints: PoseKeypoint[] = p.keypoints.map((k, i) => {
        let { x, y } = k;
        const last = before?.[i];
        if (last) {
          x = last.x + (x - last.x) * (1 - blend);
          y = last.y + (y - last.y) * (1 - blend);
        }
        return { name: k.name as KeypointName, x, y, nx: x / w, ny: y / h, score: k.score ?? 0 };
      });
      if (blend > 0) {
        this.previous.set(key, keypoints);
        seen.add(key);
      }
      poses.push(p.id === undefined ? { score, keypoints } : { score, keypoints, id: p.id });
      if (poses.length === maxPoses) break;
    }
    if (blend > 0) for (const key of [...this.previous.keys()]) if (!seen.has(key)) this.previous.delete(key);
    return poses;
  }

  private tickFps(now: number): number {
    const window = this.fpsWindow;
    window.push(now);
    while (window.length > 1 && now - window[0] > 1000) window.shift();
    if (window.length < 2) return this.getSnapshot().fps;
    return ((window.length - 1) * 1000) / (now - window[0]);
  }
}
