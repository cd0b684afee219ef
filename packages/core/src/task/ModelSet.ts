import type { ModelEntryState, ModelLease, ModelSpec } from '../runtime/contracts';
import type { Runtime } from '../runtime/Runtime';

/** A model a task needs that is not a plain cache spec (a feature extractor, another engine). */
export interface TaskModel<T> {
  /** Identity: a new key means a new model (the old one is released). */
  key: string;
  acquire: (runtime: Runtime) => ModelLease<T>;
}

/** What a task's `models()` returns: a name per model the options need. */
export type TaskModels = Record<string, ModelSpec<unknown> | TaskModel<unknown>>;

interface HeldModel {
  key: string;
  lease: ModelLease<unknown>;
  stop: () => void;
  /** This lease has been ready once: loading again means a recovery. */
  wasReady: boolean;
}

const isSpec = (m: ModelSpec<unknown> | TaskModel<unknown>): m is ModelSpec<unknown> => typeof (m as ModelSpec<unknown>).load === 'function';

/** The leases one task holds, by name: acquired and released to match what its options need. */
export class ModelSet<Models> {
  private readonly held = new Map<string, HeldModel>();

  constructor(
    private readonly runtime: Runtime,
    private readonly changed: () => void,
  ) {}

  get size(): number {
    return this.held.size;
  }

  /** Lease every model named that is not held yet (by key), release those no longer named. */
  match(wanted: TaskModels): void {
    for (const [name, model] of Object.entries(wanted)) {
      const current = this.held.get(name);
      if (current && current.key === model.key) continue;
      if (current) this.release(name, current);
      const lease = isSpec(model) ? this.runtime.acquireModel(model) : model.acquire(this.runtime);
      const entry: HeldModel = { key: model.key, lease, stop: () => {}, wasReady: false };
      this.held.set(name, entry);
      entry.stop = lease.subscribe(this.changed);
      // The failure is surfaced through the state; this only stops an unhandled rejection.
      lease.ready().catch(() => undefined);
    }
    for (const [name, entry] of [...this.held]) if (!(name in wanted)) this.release(name, entry);
  }

  releaseAll(): void {
    for (const [name, entry] of [...this.held]) this.release(name, entry);
  }

  /** Load failed models again (even while other consumers hold them). */
  retry(): void {
    for (const { lease } of this.held.values()) lease.retry();
  }

  /** Each lease's entry, and whether it was ready before (for the status derivation). */
  states(): { entry: ModelEntryState<unknown>; wasReady: boolean }[] {
    return [...this.held.values()].map((held) => {
      const entry = held.lease.getSnapshot();
      if (entry.status === 'ready' && entry.model !== null) held.wasReady = true;
      return { entry, wasReady: held.wasReady };
    });
  }

  /** The models by name when every lease is ready, without waiting; else null. */
  ready(): Models | null {
    const models: Record<string, unknown> = {};
    for (const [name, { lease }] of this.held) {
      const { status, model } = lease.getSnapshot();
      if (status !== 'ready' || model === null) return null;
      models[name] = model;
    }
    return models as Models;
  }

  /** The models by name once every lease is ready (rejects with the first failure). */
  async loaded(): Promise<Models> {
    const entries = [...this.held];
    const loaded = await Promise.all(entries.map(([, { lease }]) => lease.ready()));
    return Object.fromEntries(entries.map(([name], i) => [name, loaded[i]])) as Models;
  }

  private release(name: string, entry: HeldModel): void {
    entry.stop();
    entry.lease.release();
    this.held.delete(name);
  }
}
