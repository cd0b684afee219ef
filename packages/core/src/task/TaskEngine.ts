import { getDefaultRuntime, type Runtime } from '../runtime/Runtime';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import { sameOptions } from './sameOptions';
import { TaskLifecycle, type TaskPlacement } from './TaskLifecycle';
import { withFrame, type TaskInput } from './taskInput';
import { initialTaskState, type ResolvedTaskOptions, type TaskResult, type TaskState } from './types';

export type { TaskModel, TaskModels } from './ModelSet';

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
  /**
   * The task's kind in the worker (`executor/workerTasks.ts`), when it can run there: the worker
   * hosts the same engine class with the options as given. Without it the task runs on the main
   * thread whatever the runtime's executor.
   * @default undefined
   */
  worker?: string;
  /**
   * What the worker engine is given of the options (the classifier leaves out its `storage`:
   * datasets are saved on the main side).
   * @default the options as given
   */
  workerOptions?: (options: Options) => unknown;
}

/** A frame the worker let go of for a newer one (the loop counts it as dropped). */
const DROPPED = new Error('webcam-ml: the frame was dropped (the worker restarted, took a newer frame, or its backend was not ready)');

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
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
> extends TaskLifecycle<Resolved, Result, Models, State> {
  private readonly definition: TaskDefinition<Options, Resolved, State>;

  /** The options as given (what the worker engine receives). */
  private given: Options;

  /** `given` as the worker receives it (made again only when `given` changes). */
  private forWorker: { given: Options; options: unknown } | null = null;

  constructor(definition: TaskDefinition<Options, Resolved, State>, options: Options, runtime: Runtime = getDefaultRuntime()) {
    super(definition.initialState, runtime, definition.resolve(options));
    this.definition = definition;
    this.given = options;
  }

  protected override placement(): TaskPlacement {
    const executor = this.runtime.executor?.getSnapshot();
    if (!executor || executor.kind === 'main') return { kind: 'main', reason: executor?.reason ?? '' };
    if (!this.definition.worker) return { kind: 'main', reason: 'this task has no worker side yet: it runs on the main thread' };
    if (this.forWorker?.given !== this.given) this.forWorker = { given: this.given, options: this.definition.workerOptions ? this.definition.workerOptions(this.given) : this.given };
    const options = this.forWorker.options;
    if (!cloneable(options)) return { kind: 'main', reason: 'its options hold a function or another value a worker cannot receive: it runs on the main thread' };
    return { kind: 'worker', task: this.definition.worker, options };
  }

  /** Run the task on one frame. Throwing records the error in state; the next frame retries. */
  protected abstract infer(frame: Frame, models: Models, options: Resolved, context: InferContext): Promise<Omit<Result, keyof TaskResult>>;

  /** How a result reads in the state. */
  protected abstract toState(result: Result): Partial<State>;

  /** Forget temporal state (tracking, smoothing). */
  protected onReset(): void {}

  /** Options changed (already validated and in force). */
  protected onOptionsChanged(_previous: Resolved, _next: Resolved): void {}

  /**
   * A worker result's fields as the task's result (the classifier takes off what came with the
   * prediction: recorded examples, timings). `current`: the result will be published (not stale).
   */
  protected fromWorker(out: Record<string, unknown>, _frame: Frame, _current: boolean): Omit<Result, keyof TaskResult> {
    return out as Omit<Result, keyof TaskResult>;
  }

  /** Wait until a directly given input can be read (the classifier waits for a video's first frame). */
  protected async prepare(_input: TaskInput): Promise<void> {}


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
    this.given = options;
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
    this.remote?.reset();
    this.dropResults();
    this.syncTask();
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
    this.remote?.reset();
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

  protected async runFrame(frame: Frame): Promise<void | 'dropped'> {
    // While models reload after a backend change, frames are skipped, not queued.
    const models = this.readyModels();
    if (!models) return;
    try {
      await this.run(frame, models, frame.timestamp);
    } catch (error) {
      // Recorded in the state by run(); the next frame is a retry.
      if (error === DROPPED) return 'dropped';
    }
  }

  private async run(frame: Frame, models: Models, timestampMs: number | undefined, epoch = this.epoch): Promise<Result> {
    const options = this.options;
    const started = performance.now();
    // A frame that ran while the backend was lost read what a lost context reads (zeros, or a
    // failure): like a stale frame, it is neither published nor recorded as an error.
    const generation = this.runtime.backend.getSnapshot().generation;
    const lost = () => {
      if (this.remote) return false;
      const now = this.runtime.backend.getSnapshot();
      return now.generation !== generation || now.status === 'recovering';
    };
    let out: Omit<Result, keyof TaskResult>;
    let latencyMs: number | null = null;
    try {
      if (this.remote) {
        const outcome = await this.remote.infer(frame, timestampMs);
        if (outcome === 'dropped') throw DROPPED;
        const { frameSize: _size, timestamp: _time, latencyMs: workerMs, ...rest } = outcome;
        out = this.fromWorker(rest, frame, epoch === this.epoch);
        latencyMs = workerMs;
      } else {
        out = await this.infer(frame, models, options, { timestampMs });
      }
    } catch (cause) {
      if (cause === DROPPED) throw cause;
      const error = this.definition.toError(cause);
      if (epoch === this.epoch && this.wantsModels && !lost()) {
        this.inferenceError = error;
        this.refresh();
      }
      throw error;
    }
    latencyMs ??= performance.now() - started;
    const result = { ...out, frameSize: { width: frame.width, height: frame.height }, timestamp: timestampMs ?? frame.timestamp, latencyMs } as Result;
    // The source changed (or the engine was disabled or disposed) while this frame ran: its
    // result belongs to nothing on screen any more, so it is returned but not published.
    if (epoch !== this.epoch || lost()) return result;
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
}
