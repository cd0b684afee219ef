/** A listener called after the snapshot changed. */
export type Listener = () => void;

/**
 * The framework-free observable every engine extends (TanStack Query's `Subscribable`, with a
 * snapshot). `getSnapshot()` returns the same object until the state changes, so React's
 * `useSyncExternalStore` (or any other binding) can compare by identity.
 */
export class Store<S extends object> {
  private listeners = new Set<Listener>();
  private state: S;

  constructor(initial: S) {
    this.state = initial;
    this.subscribe = this.subscribe.bind(this);
    this.getSnapshot = this.getSnapshot.bind(this);
  }

  /** The current immutable state. */
  getSnapshot(): S {
    return this.state;
  }

  /** Listen for changes; returns the function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onFirstSubscribe();
    return () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) this.onLastUnsubscribe();
    };
  }

  /** How many listeners are attached. */
  protected get listenerCount(): number {
    return this.listeners.size;
  }

  /** Merge a patch into the state; listeners run only when a value actually changed. */
  protected setState(patch: Partial<S> | ((state: S) => Partial<S>)): void {
    const next = typeof patch === 'function' ? patch(this.state) : patch;
    let changed = false;
    for (const key of Object.keys(next) as (keyof S)[]) {
      if (!Object.is(this.state[key], next[key])) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    this.state = { ...this.state, ...next };
    for (const listener of [...this.listeners]) listener();
  }

  /** Called when the first listener attaches. */
  protected onFirstSubscribe(): void {}

  /** Called when the last listener detaches. */
  protected onLastUnsubscribe(): void {}
}
