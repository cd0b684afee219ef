import { Store } from '../store/Store';
import type { BackendHandle } from '../runtime/BackendManager';
import type { BackendState } from '../runtime/contracts';
import { describeError } from '../runtime/ModelLoadError';
import { FrameSender } from './FrameSender';
import { ExecutorCalls } from './ExecutorCalls';
import { TaskCalls } from './TaskCalls';
import { WorkerLiveness } from './WorkerLiveness';
import { reviveError, type FromWorker, type ToWorker, type WorkerSettings } from './protocol';
import { insideWorker, startWorker, workerUnsupported } from './startWorker';
import type { ExecutorPreference, ExecutorState, RemoteState, RemoteTask, RuntimeExecutor, WorkerMemory } from './types';

/** How long a new worker may take to load its module before the runtime falls back to main. */
const START_TIMEOUT_MS = 20_000;

interface OpenTask {
  kind: string;
  options: unknown;
  state: RemoteState;
  onState: () => void;
  onOpened?: (task: RemoteTask) => void;
  handle: RemoteTask;
}

const IDLE_BACKEND: BackendState = { status: 'idle', backend: null, reason: '', probes: [], generation: 0, error: null };

/**
 * The main-side half of a runtime's worker executor: starts the module worker when its backend is
 * first acquired, terminates it `releaseDelayMs` after the last release, mirrors the worker's
 * backend state, keeps the open tasks (re-created with their options after a restart), restarts a
 * worker that errors or stops answering, and falls back to the main thread when one cannot start.
 */
export class WorkerExecutor extends Store<ExecutorState> implements RuntimeExecutor {
  private current: Worker | null = null;
  private started = false;
  private refs = 0;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly tasks = new Map<number, OpenTask>();
  private nextTask = 1;
  private readonly calls = new ExecutorCalls<WorkerMemory | boolean>((message) => this.started && this.post(message, []));
  private readonly frames = new FrameSender((message, transfer) => this.post(message, transfer));
  private readonly taskCalls = new TaskCalls((message, transfer) => this.post(message, transfer), this.frames);
  private readonly mirror = new (class extends Store<BackendState> {
    set(state: BackendState) {
      this.setState(state);
    }
  })(IDLE_BACKEND);
  private generationBase = 0;
  private liveness: WorkerLiveness | null = null;

  constructor(
    requested: ExecutorPreference,
    private readonly settings: () => WorkerSettings & { workerUrl: string | null },
  ) {
    const unsupported = requested === 'main' ? null : workerUnsupported();
    const nested = requested === 'auto' && !unsupported && insideWorker();
    super({
      requested,
      kind: requested === 'main' || unsupported || nested ? 'main' : 'worker',
      status: 'idle',
      reason: unsupported ? `${unsupported}: inference runs on the main thread` : nested ? 'this runtime is inside a worker already: inference runs on its thread' : '',
      restarts: 0,
      fault: '',
    });
  }

  readonly backend: BackendHandle = {
    acquire: () => {
      this.refs++;
      if (this.stopTimer !== null) clearTimeout(this.stopTimer);
      this.stopTimer = null;
      this.ensureWorker();
      return this.backend.ready();
    },
    release: () => {
      if (this.refs === 0 || --this.refs > 0) return;
      this.stopTimer = setTimeout(() => this.stop(), this.settings().releaseDelayMs);
    },
    ready: () =>
      new Promise((resolve, reject) => {
        const check = () => {
          const s = this.mirror.getSnapshot();
          if (s.status === 'ready' && s.backend) resolve(s.backend);
          else if (s.status === 'error') reject(s.error ?? new Error('webcam-ml: the worker has no backend'));
          else return false;
          return true;
        };
        if (check()) return;
        const stop = this.mirror.subscribe(() => check() && stop());
      }),
    getSnapshot: () => this.mirror.getSnapshot(),
    subscribe: (listener) => this.mirror.subscribe(listener),
  };

  /** The runtime's settings changed: the worker's runtime follows. */
  configure(): void {
    if (this.current) this.post({ type: 'configure', settings: this.workerSettings() }, []);
  }

  open(kind: string, options: unknown, onState: () => void, onOpened?: (task: RemoteTask) => void): RemoteTask {
    const id = this.nextTask++;
    const handle: RemoteTask = {
      setOptions: (next) => {
        task.options = next;
        this.post({ type: 'options', id, options: next }, []);
      },
      infer: (frame, timestampMs) => this.frames.infer(id, frame, timestampMs),
      reset: () => this.post({ type: 'reset', id }, []),
      close: () => {
        if (this.tasks.delete(id)) this.post({ type: 'close', id }, []);
      },
      getState: () => task.state,
      call: (request, frame, onProgress) =>
        this.tasks.get(id) === task
          ? (this.taskCalls.call(id, request, frame ?? null, onProgress) as Promise<never>)
          : Promise.reject(new Error('webcam-ml: the task was closed before the call')),
    };
    const task: OpenTask = { kind, options, onState, onOpened, handle, state: { status: 'loading', error: null, progress: { loaded: 0, total: 0 }, ready: false } };
    const running = this.current !== null;
    this.tasks.set(id, task);
    // A worker started now opens every task it is told of, this one included.
    if (running) this.openIn(id, task);
    else this.ensureWorker();
    return handle;
  }

  /** Create the task's engine in the worker, then let the task tell it what it must know. */
  private openIn(id: number, task: OpenTask): void {
    this.post({ type: 'open', id, kind: task.kind, options: task.options }, []);
    task.onOpened?.(task.handle);
  }

  memory(): Promise<WorkerMemory | null> {
    return this.calls.ask((callId) => ({ type: 'memory', callId })) as Promise<WorkerMemory | null>;
  }

  async simulateContextLoss(action: 'lose' | 'restore'): Promise<boolean> {
    return (await this.calls.ask((callId) => ({ type: 'context', callId, action }))) === true;
  }

  transferMs(): number | null {
    return this.frames.transferMs();
  }

  get bitmapsInHand(): number {
    return this.frames.inHand;
  }

  worker(): Worker | null {
    return this.current;
  }

  private workerSettings(): WorkerSettings {
    const { modelBaseUrl, backend, persistentCache, releaseDelayMs, integrity } = this.settings();
    return { modelBaseUrl, backend, persistentCache, releaseDelayMs, integrity };
  }

  private post(message: ToWorker, transfer: Transferable[]): boolean {
    if (!this.current) return false;
    this.current.postMessage(message, transfer);
    return true;
  }

  private ensureWorker(): void {
    if (this.current || this.getSnapshot().kind !== 'worker') return;
    let worker: Worker;
    try {
      worker = startWorker(this.settings().workerUrl);
    } catch (error) {
      return this.fallBack(`the worker could not be created (${describeError(error)})`);
    }
    this.current = worker;
    this.started = false;
    this.setState({ status: this.getSnapshot().restarts > 0 && this.tasks.size > 0 ? 'restarting' : 'starting' });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.died(worker, event.message || 'the worker script failed to load or threw');
    };
    this.startTimer = setTimeout(() => this.died(worker, `it did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    this.liveness = new WorkerLiveness(worker, (why) => this.died(worker, why), () => this.settingUp());
    worker.postMessage({ type: 'configure', settings: this.workerSettings() } satisfies ToWorker);
    for (const [id, task] of this.tasks) this.openIn(id, task);
  }

  private receive(worker: Worker, message: FromWorker): void {
    if (worker !== this.current) return;
    this.liveness?.heard();
    switch (message.type) {
      case 'started':
        this.started = true;
        if (this.startTimer !== null) clearTimeout(this.startTimer);
        this.startTimer = null;
        this.setState({ status: 'running' });
        this.liveness?.started();
        break;
      case 'held':
        this.liveness?.held();
        break;
      case 'backend': {
        const { error, ...state } = message.state;
        this.mirror.set({ ...state, generation: this.generationBase + state.generation, error: error ? reviveError(error) : null });
        break;
      }
      case 'task': {
        const task = this.tasks.get(message.id);
        if (!task) break;
        const { status, error, progress, ready } = message.state;
        task.state = { status, error: error ? reviveError(error) : null, progress, ready };
        task.onState();
        break;
      }
      case 'result':
      case 'failed':
      case 'dropped':
        this.frames.receive(message);
        break;
      case 'memory': {
        const { callId, numTensors, numBytes, openBitmaps } = message;
        this.calls.answer(callId, { numTensors, numBytes, openBitmaps });
        break;
      }
      case 'reply':
      case 'progress':
        this.taskCalls.receive(message);
        break;
      case 'context':
        this.calls.answer(message.callId, message.done);
        break;
      case 'pong':
        break;
    }
  }

  /** The worker's backend or a task's models are being set up (loading, recovering). */
  private settingUp(): boolean {
    if (this.mirror.getSnapshot().status !== 'ready') return true;
    for (const task of this.tasks.values()) if (!task.state.ready && task.state.status !== 'error') return true;
    return false;
  }

  /** The worker failed: before it started, fall back to main; after, start a new one. */
  private died(worker: Worker, why: string): void {
    if (worker !== this.current) return;
    const wasStarted = this.started;
    this.discard();
    if (!wasStarted) return this.fallBack(`the worker did not start: ${why}`);
    this.generationBase = this.mirror.getSnapshot().generation + 1;
    this.mirror.set({ ...this.mirror.getSnapshot(), status: 'recovering', generation: this.generationBase });
    for (const task of this.tasks.values()) {
      task.state = { ...task.state, status: task.state.ready ? 'recovering' : task.state.status, ready: false };
      task.onState();
    }
    this.setState({ restarts: this.getSnapshot().restarts + 1, fault: why });
    this.ensureWorker();
  }

  private discard(): void {
    this.liveness?.stop();
    this.liveness = null;
    this.current?.terminate();
    this.current = null;
    this.started = false;
    if (this.startTimer !== null) clearTimeout(this.startTimer);
    this.startTimer = null;
    this.frames.abandon();
    this.taskCalls.abandon();
    this.calls.abandon();
  }

  private fallBack(reason: string): void {
    this.discard();
    this.tasks.clear();
    this.mirror.set(IDLE_BACKEND);
    this.setState({ kind: 'main', status: 'idle', reason: `${reason}; inference runs on the main thread` });
  }

  /** The last holder left (and the release delay passed): the worker goes. */
  private stop(): void {
    this.stopTimer = null;
    if (this.refs > 0) return;
    this.discard();
    this.generationBase = 0;
    this.mirror.set(IDLE_BACKEND);
    this.setState({ status: 'idle' });
  }
}
