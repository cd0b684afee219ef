import { Store } from '../store/Store';
import { getDefaultRuntime, type Runtime } from '../runtime/Runtime';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import { FrameTaskSlot } from './FrameTaskSlot';
import { ModelSet, type TaskModels } from './ModelSet';

export type { TaskModel, TaskModels } from './ModelSet';
import { deriveStatus } from './deriveStatus';
import { sameOptions } from './sameOptions';
import { withFrame, type TaskInput } from './taskInput';
import { initialTaskState, type ResolvedTaskOptions, type TaskResult, type TaskState } from './types';

/** What a task is told besides the frame and its models. */
export interface InferContext {
  /** The timestamp the caller gave (`estimate(input, ts)`, the loop's frame time); undefined for a still without one. */
  timestampMs: number | undefined;
}

/** What a task hands its base: everything that is the same for all tasks is the base's. */
export interface TaskDefinition<Options, Resolved, State> {
  /** The state before anything happened (results empty, status idle). */
  initialState: State;
  /** Options to resolved options, from the defaults (full replace); throws the task's typed error. */
  resolve: (options: Options) => Resolved;
  /** Any failure of `infer` as the task's typed error (code `'inference'`). */
  toError: (error: unknown) => Error;
}

/**
 * The one engine contract every task (pose, face, classifier, ...) runs on. The base owns what
 * is the same everywhere: activation (models held while someone listens or after a direct call),
 * the lease set, one status derivation, the frame task on the runtime's loop, an epoch guard so a
 * stale frame is never published, fps and dropped frames from the loop, the per-frame error policy
 * (recorded in state, retried with the next frame, cleared by a good frame or a backend change),
 * `retry()`, and full-replace options. A task supplies only its models for the options, `infer`,
 * and how a result reads in its state.
 */
export abstract class TaskEngine<
  Options,
  Resolved extends ResolvedTaskOptions,
  Result extends TaskResult,
  Models,
  State extends TaskState,
> extends Store<State> {
  protected readonly runtime: Runtime;
  protected options: Resolved;
  protected source: FrameSourceElement | null = null;
  private readonly definition: TaskDefinition<Options, Resolved, State>;
  private readonly resultListeners = new Set<(result: Result) => void>();
  private readonly leases: ModelSet<Models>;
  private heldDirectly = false;
  private stopBackend: (() => void) | null = null;
  private stopConfig: (() => void) | null = null;
  private generation = -1;
  private readonly frameTask: FrameTaskSlot;
  /** Bumped whenever published results must be dropped: new source, disabled, reset data, disposed. */
  private epoch = 0;
  private inferenceError: Error | null = null;

  constructor(definition: TaskDefinition<Options, Resolved, State>, options: Options, runtime: Runtime = getDefaultRuntime()) {
    super(definition.initialState);
    this.definition = definition;
    this.runtime = runtime;
    this.leases = new ModelSet<Models>(runtime, () => this.refresh());
    this.frameTask = new FrameTaskSlot(
      runtime,
      (frame) => this.runFrame(frame),
      (stats) => this.setState({ fps: stats.fps, droppedFrames: stats.dropped } as Partial<State>),
    );
    this.options = definition.resolve(options);
    this.subscribeResults = this.subscribeResults.bind(this);
  }

  // ---- what a task supplies ---------------------------------------------------------------------

  /** The models these options need, by name (the names `infer` reads them by). */
  protected abstract models(options: Resolved): TaskModels;
  /** Run the task on one frame. Throwing records the error in state; the next frame retries. */
  protected abstract infer(frame: Frame, models: Models, options: Resolved, context: InferContext): Promise<Omit<Result, keyof TaskResult>>;
  /** How a result reads in the state. */
  protected abstract toState(result: Result): Partial<State>;
  /** The result fields when nothing is known (after a new source, disabling, disposing). */
  protected abstract emptyResult(): Partial<State>;
  /** Forget temporal state (tracking, smoothing). */
  protected onReset(): void {}
  /** Options changed (already validated and in force). */
  protected onOptionsChanged(_previous: Resolved, _next: Resolved): void {}
  /** The engine started holding its models (first listener, or a direct call). */
  protected onActivate(): void {}
  /** The engine let go of its models (last listener left, disposed, disabled). */
  protected onDeactivate(): void {}
  /** Wait until a directly given input can be read (the classifier waits for a video's first frame). */
  protected async prepare(_input: TaskInput): Promise<void> {}
  /** Whether frames should be processed at all now (the classifier: predicting or recording). */
  protected wantsFrames(): boolean {
    return true;
  }
  /** How often the frame task runs. */
  protected frameFps(): number {
    return this.options.maxFps;
  }

  // ---- the public contract ----------------------------------------------------------------------

  /** The options in force, defaults filled in. */
  getOptions(): Readonly<Resolved> {
    return this.options;
  }

  /**
   * Replace the options: what is given is the whole truth, and anything left out takes its
   * default. Throws the task's typed error (code `'invalid-options'`) and changes nothing when one
   * is invalid. Models no longer needed are released, new ones leased; a still image is
   * estimated again under the new options.
   */
  setOptions(options: Options): void {
    const next = this.definition.resolve(options);
    const previous = this.options;
    if (sameOptions(previous, next)) return;
    this.options = next;
    this.onOptionsChanged(previous, next);
    if (previous.enabled && !next.enabled) this.dropResults();
    this.sync();
    this.reoffer();
  }

  /** Process frames of `source` (a video, image or canvas), or stop with `null`. */
  setSource(source: FrameSourceElement | null): void {
    if (source === this.source) return;
    this.source = source;
    this.onReset();
    this.dropResults();
    this.syncTask();
  }

  /**
   * Call `listener` with every processed frame's result, without a state snapshot (a game loop, a
   * canvas overlay, per-frame logic that needs no React render). Holds the engine's resources like
   * `subscribe` does.
   * @returns the function that stops listening
   */
  subscribeResults(listener: (result: Result) => void): () => void {
    this.resultListeners.add(listener);
    this.sync();
    return () => {
      if (this.resultListeners.delete(listener)) this.sync();
    };
  }

  /** Lease the models the options need (until `dispose`) and resolve once they are ready. */
  async ready(): Promise<void> {
    this.heldDirectly = true;
    this.sync();
    await this.loadedModels();
  }

  /**
   * Run the task on one input (a loop `Frame`, an element, or an int32 [h, w, 3] tensor) and
   * publish the result (state and result listeners) unless the source changed meanwhile. The frame
   * loop calls it for each frame; call it yourself for stills or to step through a video.
   * @param timestampMs the frame's time, for smoothing (frames 33.333 ms apart behave like 30 fps);
   *   default: the frame's own, a video's media time, or now
   */
  async estimate(input: TaskInput, timestampMs?: number): Promise<Result> {
    // Stale from the moment it is asked for: a source change while it waits drops it too.
    const epoch = this.epoch;
    if (!this.wantsModels) {
      this.heldDirectly = true;
      this.sync();
    }
    await this.prepare(input);
    const models = this.readyModels() ?? (await this.loadedModels());
    return withFrame(input, timestampMs, (frame) => this.run(frame, models, timestampMs, epoch));
  }

  /** Forget temporal state (tracking ids, smoothing), as at the start of a new video. */
  reset(): void {
    this.onReset();
  }

  /**
   * Try again after a failure: models that failed to load are loaded again (even while other
   * widgets hold them), a frame error is cleared and the current frame processed again.
   */
  retry(): void {
    this.leases.retry();
    this.inferenceError = null;
    this.refresh();
    this.reoffer();
  }

  /**
   * Let go of the models, the frame task and the backend. The engine stays usable: a new
   * subscription or `estimate()` acquires them again (React StrictMode's remount).
   */
  dispose(): void {
    const wasActive = this.stopBackend !== null;
    this.heldDirectly = false;
    this.epoch++;
    this.inferenceError = null;
    this.releaseAll();
    this.stopTask();
    if (wasActive) this.onDeactivate();
    this.onReset();
    // The task's own state (a classifier's classes, its storage) stays: only the run is over.
    this.setState({ ...initialTaskState(), ...this.emptyResult(), backend: this.getSnapshot().backend } as Partial<State>);
  }

  // ---- for tasks --------------------------------------------------------------------------------

  /** Drop every result in flight and published (a dataset switch, a new source). */
  protected dropResults(): void {
    this.epoch++;
    this.inferenceError = null;
    this.setState({ ...this.emptyResult(), frameSize: null, timestamp: null, fps: 0 } as Partial<State>);
  }

  /** Offer a still source again (its result depends on something that changed). */
  protected reoffer(): void {
    this.frameTask.reoffer();
  }

  /** Re-check which frame task should run (after `wantsFrames()` or `frameFps()` changed). */
  protected syncTask(): void {
    const ready = this.source !== null && this.options.enabled && this.listening && this.wantsFrames() && this.readyModels() !== null;
    this.frameTask.place(ready ? this.source : null, this.frameFps());
  }

  /** Changes whenever results in flight become stale: compare before keeping temporal state. */
  protected get resultEpoch(): number {
    return this.epoch;
  }

  /** The engine holds (or wants) its models: enabled with a listener, or after a direct call. */
  protected get active(): boolean {
    return this.wantsModels;
  }

  /**
   * Run `use` on `input` as a frame with the ready models (holding them like a direct
   * `estimate`), without publishing anything: for a task's own direct calls (the classifier's `embed`).
   */
  protected async withModels<T>(input: TaskInput, use: (models: Models, frame: Frame) => Promise<T>): Promise<T> {
    if (!this.wantsModels) {
      this.heldDirectly = true;
      this.sync();
    }
    const models = this.readyModels() ?? (await this.loadedModels());
    try {
      return await withFrame(input, undefined, (frame) => use(models, frame));
    } catch (cause) {
      throw this.definition.toError(cause);
    }
  }

  /** Someone listens (state or results). */
  protected get listening(): boolean {
    return this.listenerCount > 0 || this.resultListeners.size > 0;
  }

  protected override onFirstSubscribe(): void {
    this.sync();
  }

  protected override onLastUnsubscribe(): void {
    this.sync();
  }

  // ---- the machinery ----------------------------------------------------------------------------

  private get wantsModels(): boolean {
    return this.heldDirectly || (this.options.enabled && this.listening);
  }

  private async runFrame(frame: Frame): Promise<void> {
    // While models reload after a backend change, frames are skipped, not queued.
    const models = this.readyModels();
    if (!models) return;
    try {
      await this.run(frame, models, frame.timestamp);
    } catch {
      // Recorded in the state by run(); the next frame is a retry.
    }
  }

  private async run(frame: Frame, models: Models, timestampMs: number | undefined, epoch = this.epoch): Promise<Result> {
    const options = this.options;
    const started = performance.now();
    let out: Omit<Result, keyof TaskResult>;
    try {
      out = await this.infer(frame, models, options, { timestampMs });
    } catch (cause) {
      const error = this.definition.toError(cause);
      if (epoch === this.epoch && this.wantsModels) {
        this.inferenceError = error;
        this.refresh();
      }
      throw error;
    }
    const latencyMs = performance.now() - started;
    const result = { ...out, frameSize: { width: frame.width, height: frame.height }, timestamp: timestampMs ?? frame.timestamp, latencyMs } as Result;
    // The source changed (or the engine was disabled or disposed) while this frame ran: its
    // result belongs to nothing on screen any more, so it is returned but not published.
    if (epoch !== this.epoch) return result;
    const known = this.getSnapshot().frameSize;
    const frameSize = known && known.width === frame.width && known.height === frame.height ? known : result.frameSize;
    this.setState({ ...this.toState(result), frameSize, timestamp: result.timestamp, latencyMs } as Partial<State>);
    if (this.inferenceError) {
      this.inferenceError = null;
      this.refresh();
    }
    for (const listener of [...this.resultListeners]) listener(result);
    return result;
  }

  /** Bring leases, the backend watch and the frame task in line with options and listeners. */
  protected sync(): void {
    if (!this.wantsModels) {
      const wasActive = this.stopBackend !== null;
      this.releaseAll();
      this.stopTask();
      this.setState({ status: 'idle', error: null } as Partial<State>);
      if (wasActive) {
        this.dropResults();
        this.onDeactivate();
      }
      return;
    }
    if (!this.stopBackend) {
      this.onActivate();
      this.stopBackend = this.runtime.backend.subscribe(() => this.refresh());
      // Counted so the selection starts even before a frame loop needs it.
      this.runtime.backend.acquire().catch(() => undefined);
      this.stopConfig = this.runtime.subscribeConfig((next, previous) => {
        if (next.modelBaseUrl !== previous.modelBaseUrl) this.sync();
      });
    }
    this.leases.match(this.models(this.options));
    this.refresh();
  }

  /** Derive status, error, progress and backend; start or stop the frame task accordingly. */
  private refresh(): void {
    const backend = this.runtime.backend.getSnapshot();
    if (backend.status === 'ready' && backend.generation !== this.generation) {
      // A new backend generation: a frame failure on the old one says nothing about the new one.
      if (this.generation !== -1) this.inferenceError = null;
      this.generation = backend.generation;
    }
    const models = this.leases.states();
    const { status, error, progress } = deriveStatus({ wanted: this.wantsModels, models, backend, inferenceError: this.inferenceError });
    const known = this.getSnapshot().progress;
    this.setState({
      status,
      error,
      progress: known.loaded === progress.loaded && known.total === progress.total ? known : progress,
      backend: backend.backend,
    } as Partial<State>);
    this.syncTask();
  }

  private readyModels(): Models | null {
    // A task with no model of its own (a custom classifier) is ready with the backend.
    if (this.leases.size === 0) return this.wantsModels && this.runtime.backend.getSnapshot().status === 'ready' ? ({} as Models) : null;
    return this.leases.ready();
  }

  private loadedModels(): Promise<Models> {
    return this.leases.loaded();
  }

  private releaseAll(): void {
    this.leases.releaseAll();
    if (this.stopBackend) {
      this.stopBackend();
      this.stopBackend = null;
      this.stopConfig?.();
      this.stopConfig = null;
      this.runtime.backend.release();
    }
  }

  private stopTask(): void {
    this.frameTask.clear();
  }
}
