import { Store } from '../store/Store';
import type { ExecutorKind, RemoteTask } from '../executor/types';
import type { Runtime } from '../runtime/Runtime';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import { deriveStatus } from './deriveStatus';
import { FrameTaskSlot } from './FrameTaskSlot';
import { ModelSet, type TaskModels } from './ModelSet';
import { BackendHold, RemoteSlot } from './RemoteSlot';
import type { ResolvedTaskOptions, TaskState } from './types';

/** Where a task runs: in the runtime's worker (as `task`, with `options` as given), or on main and why. */
export type TaskPlacement = { kind: 'worker'; task: string; options: unknown } | { kind: 'main'; reason: string };

/**
 * The lifecycle half of the task contract (`TaskEngine` is the other): activation (models held
 * while someone listens and the task is enabled, or after a direct call), the lease set, the one
 * status derivation, the frame task on the runtime's loop, and the epoch that marks results stale.
 */
export abstract class TaskLifecycle<Resolved extends ResolvedTaskOptions, Result, Models, State extends TaskState> extends Store<State> {
  protected readonly runtime: Runtime;

  protected options: Resolved;

  protected source: FrameSourceElement | null = null;

  protected readonly resultListeners = new Set<(result: Result) => void>();

  protected readonly leases: ModelSet<Models>;

  protected heldDirectly = false;

  protected stopBackend: (() => void) | null = null;

  protected stopConfig: (() => void) | null = null;

  protected generation = -1;

  protected readonly frameTask: FrameTaskSlot;

  /** Bumped whenever published results must be dropped: new source, disabled, reset data, disposed. */
  protected epoch = 0;

  protected inferenceError: Error | null = null;

  /** The task's counterpart in the runtime's worker, while it runs there. */
  private readonly remoteSlot = new RemoteSlot(
    () => this.refresh(),
    (task) => this.onRemoteOpened(task),
  );

  /** The backend held now: the main thread's, or the worker's. */
  private readonly heldBackend = new BackendHold(() => this.refresh());

  private syncing = false;

  private resyncWanted = false;


  /** The models these options need, by name (the names `infer` reads them by). */
  protected abstract models(options: Resolved): TaskModels;

  /** The result fields when nothing is known (after a new source, disabling, disposing). */
  protected abstract emptyResult(): Partial<State>;

  /** The engine started holding its models (first listener, or a direct call). */
  protected onActivate(): void {}

  /** The engine let go of its models (last listener left, disposed, disabled). */
  protected onDeactivate(): void {}

  /**
   * The task's worker engine was created (first, or again in a restarted worker), before any
   * frame reaches it: send it what it must know beyond its options (the classifier: its dataset).
   */
  protected onRemoteOpened(_task: RemoteTask): void {}

  /** Whether frames should be processed at all now (the classifier: predicting or recording). */
  protected wantsFrames(): boolean {
    return true;
  }

  /** Where the task runs now (the main thread unless a task overrides it). */
  protected placement(): TaskPlacement {
    return { kind: 'main', reason: this.runtime.executor?.getSnapshot().reason ?? '' };
  }

  /** How often the frame task runs. */
  protected frameFps(): number {
    return this.options.maxFps;
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
    this.frameTask.place(ready ? this.source : null, this.frameFps(), this.remote ? 'worker' : 'main');
  }

  /** Changes whenever results in flight become stale: compare before keeping temporal state. */
  protected get resultEpoch(): number {
    return this.epoch;
  }

  /** The engine holds (or wants) its models: enabled with a listener, or after a direct call. */
  protected get active(): boolean {
    return this.wantsModels;
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


  protected get wantsModels(): boolean {
    return this.heldDirectly || (this.options.enabled && this.listening);
  }

  /** Bring leases, the backend watch and the frame task in line with options and listeners. */
  protected sync(): void {
    // Re-entered (a worker falling back while it is acquired): run again once this pass is over.
    if (this.syncing) {
      this.resyncWanted = true;
      return;
    }
    this.syncing = true;
    try {
      do {
        this.resyncWanted = false;
        this.syncOnce();
      } while (this.resyncWanted);
    } finally {
      this.syncing = false;
    }
  }

  private syncOnce(): void {
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
      const stopExecutor = this.runtime.executor?.subscribe(() => this.sync());
      this.stopBackend = () => {
        stopExecutor?.();
        this.heldBackend.hold(null);
      };
      this.stopConfig = this.runtime.subscribeConfig((next, previous) => {
        if (next.modelBaseUrl !== previous.modelBaseUrl) this.sync();
      });
    }
    const placement = this.placement();
    const executor = this.runtime.executor;
    if (placement.kind === 'worker' && executor && executor.getSnapshot().kind === 'worker') {
      this.heldBackend.hold(executor.backend);
      this.leases.match({});
      this.remoteSlot.place(executor, placement.task, placement.options);
      this.setState({ executor: 'worker', executorReason: '' } as Partial<State>);
    } else {
      this.remoteSlot.close();
      this.heldBackend.hold(this.runtime.backend);
      this.leases.match(this.models(this.options));
      const reason = placement.kind === 'main' ? placement.reason : (executor?.getSnapshot().reason ?? '');
      this.setState({ executor: 'main' satisfies ExecutorKind, executorReason: reason } as Partial<State>);
    }
    this.refresh();
  }

  /** The task's counterpart in the worker, while it runs there. */
  protected get remote() {
    return this.remoteSlot.current;
  }

  /** Derive status, error, progress and backend; start or stop the frame task accordingly. */
  protected refresh(): void {
    const backend = (this.heldBackend.handle ?? this.runtime.backend).getSnapshot();
    if (backend.status === 'ready' && backend.generation !== this.generation) {
      // A new backend generation: a frame failure on the old one says nothing about the new one.
      if (this.generation !== -1) this.inferenceError = null;
      this.generation = backend.generation;
    }
    const remote = this.remoteSlot.state();
    const { status, error, progress } = remote
      ? {
          // As deriveStatus: a frame's failure counts only once the models are ready (a frame that
          // failed with the worker's lost WebGL context must not show 'error' while it recovers).
          status: remote.ready ? (this.inferenceError ? 'error' : 'ready') : remote.status,
          error: remote.ready ? this.inferenceError : remote.error,
          progress: remote.progress,
        }
      : deriveStatus({ wanted: this.wantsModels, models: this.leases.states(), backend, inferenceError: this.inferenceError });
    const known = this.getSnapshot().progress;
    this.setState({
      status,
      error,
      progress: known.loaded === progress.loaded && known.total === progress.total ? known : progress,
      backend: backend.backend,
    } as Partial<State>);
    this.syncTask();
  }

  protected readyModels(): Models | null {
    // In the worker the models are the worker engine's: ready when it says so.
    if (this.remote) return this.wantsModels && this.remoteSlot.state()?.ready ? ({} as Models) : null;
    // A task with no model of its own (a custom classifier) is ready with the backend.
    if (this.leases.size === 0) return this.wantsModels && this.runtime.backend.getSnapshot().status === 'ready' ? ({} as Models) : null;
    return this.leases.ready();
  }

  protected loadedModels(): Promise<Models> {
    if (!this.remote) return this.leases.loaded();
    return this.remoteSlot.loaded().then(() => ({}) as Models);
  }

  protected releaseAll(): void {
    this.leases.releaseAll();
    this.remoteSlot.close();
    if (this.stopBackend) {
      this.stopBackend();
      this.stopBackend = null;
      this.stopConfig?.();
      this.stopConfig = null;
    }
  }

  protected stopTask(): void {
    this.frameTask.clear();
  }

  constructor(initialState: State, runtime: Runtime, options: Resolved) {
    super(initialState);
    this.runtime = runtime;
    this.options = options;
    this.leases = new ModelSet<Models>(runtime, () => this.refresh());
    this.frameTask = new FrameTaskSlot(
      runtime,
      (frame) => this.runFrame(frame),
      (stats) => this.setState({ fps: stats.fps, droppedFrames: stats.dropped } as Partial<State>),
    );
    this.subscribeResults = this.subscribeResults.bind(this);
  }

  /** Run the task on one frame of the loop (a failure is recorded in the state, never thrown). */
  protected abstract runFrame(frame: Frame): Promise<void | 'dropped'>;
}
