import type { RemoteState, RemoteTask, RuntimeExecutor } from '../executor/types';
import type { BackendHandle } from '../runtime/BackendManager';

/**
 * A task's counterpart in the runtime's worker, while it runs there: opened with the options as
 * given, sent new ones when they change, closed when the task lets go (or moves to main).
 */
export class RemoteSlot {
  private task: RemoteTask | null = null;
  private sent: unknown = undefined;
  private readonly waiters = new Set<() => boolean>();

  /**
   * @param changed told whenever the worker engine's state changes
   * @param opened told each time the worker engine is created (a restarted worker's included), before any frame
   */
  constructor(
    private readonly changed: () => void,
    private readonly opened: (task: RemoteTask) => void = () => {},
  ) {}

  get current(): RemoteTask | null {
    return this.task;
  }

  /** Run as `kind` in the executor's worker with `options` (opened once, then updated). */
  place(executor: RuntimeExecutor, kind: string, options: unknown): void {
    if (!this.task) {
      this.sent = options;
      this.task = executor.open(
        kind,
        options,
        () => {
          this.wake();
          this.changed();
        },
        this.opened,
      );
    } else if (this.sent !== options) {
      this.sent = options;
      this.task.setOptions(options);
    }
  }

  close(): void {
    if (!this.task) return;
    this.task.close();
    this.task = null;
    this.sent = undefined;
    this.wake();
  }

  state(): RemoteState | null {
    return this.task?.getState() ?? null;
  }

  /** Resolves once the worker engine's models are ready; rejects on its error or when closed first. */
  loaded(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (): boolean => {
        const state = this.state();
        if (!state) reject(new Error('webcam-ml: the task let go of its models before they were ready'));
        else if (state.ready) resolve();
        else if (state.status === 'error') reject(state.error ?? new Error('webcam-ml: the worker task failed'));
        else return false;
        return true;
      };
      if (!check()) this.waiters.add(check);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) if (waiter()) this.waiters.delete(waiter);
  }
}

/** The backend a task holds (counted and watched): the main thread's, or the worker's. */
export class BackendHold {
  private held: { handle: BackendHandle; stop: () => void } | null = null;

  constructor(private readonly changed: () => void) {}

  get handle(): BackendHandle | null {
    return this.held?.handle ?? null;
  }

  /** Hold `handle` (letting go of the other one), or nothing with `null`. */
  hold(handle: BackendHandle | null): void {
    if (this.held?.handle === handle) return;
    if (this.held) {
      this.held.stop();
      this.held.handle.release();
    }
    this.held = null;
    if (!handle) return;
    this.held = { handle, stop: handle.subscribe(this.changed) };
    // Counted so the selection starts even before a frame loop needs it.
    handle.acquire().catch(() => undefined);
  }
}
