/**
 * The models one task starts loading together (a task's `ModelSet` leases them in one batch). A
 * load is two phases: fetch (download, size checks) and build (decode into tensors, warm up). Each
 * load ends its fetch phase with `ctx.fetched()`, which holds it until every load of the batch has
 * ended its own (or has ended altogether: ready, failed, aborted). So a task with several models
 * builds none before all their bytes are in, as the bare libraries do (face-api's `loadFromUri` of
 * every net, then the first inference).
 *
 * Why it matters: a build and its warm-up hold the main thread (synchronous kernel set-up, shader
 * compiles, weight uploads), and while they do, the other models' downloads are not read. Built as
 * each one's bytes land, four face nets took their downloads past the warm-ups and ended later
 * than fetching all four first (issue 11: 1.16 × the bare library's cold load).
 *
 * Only a load's first attempt joins a batch: the reloads after a context loss go one at a time
 * (`ModelCache`), with their bytes kept, and a load never waits for a load that is not running.
 */
export class LoadBatch {
  /** The loads that have not ended their fetch phase yet. */
  private readonly fetching = new Set<object>();
  private readonly waiters = new Set<() => void>();

  /** A load joins (synchronously, when it starts): the ticket it ends its fetch phase with. */
  join(): LoadTicket {
    const ticket = {};
    this.fetching.add(ticket);
    const done = () => {
      if (!this.fetching.delete(ticket) || this.fetching.size > 0) return;
      for (const wake of [...this.waiters]) wake();
      this.waiters.clear();
    };
    return {
      arrive: (signal) => {
        done();
        if (this.fetching.size === 0) return Promise.resolve();
        return new Promise<void>((resolve, reject) => {
          const wake = () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          };
          const onAbort = () => {
            this.waiters.delete(wake);
            reject(signal.reason);
          };
          signal.addEventListener('abort', onAbort, { once: true });
          this.waiters.add(wake);
        });
      },
      leave: done,
    };
  }
}

/** One load's place in a batch. */
export interface LoadTicket {
  /**
   * This load has its bytes: resolves once every load of the batch has its bytes or has ended;
   * rejects with `signal.reason` (an `AbortError`) once `signal` aborted.
   */
  arrive: (signal: AbortSignal) => Promise<void>;
  /** This load ended (ready, failed, aborted, superseded): nobody waits for it any more. */
  leave: () => void;
}
