import { backendManager, type BackendHandle } from './BackendManager';
import { getConfig } from './config';
import { nextFrameSettled } from './frameActivity';
import type { ModelEntryState, ModelLease, ModelSpec } from './contracts';
import { ModelEntry, type ModelSettings } from './ModelEntry';
import { ModelLoadError } from './ModelLoadError';

export type { ModelSettings } from './ModelEntry';

/**
 * The page's shared models, keyed by `spec.key`. `acquire` returns a lease; the entry loads once
 * (after the backend is ready), is shared by every lease with the same key, reloads on each backend
 * change, and is disposed `releaseDelayMs` after the last lease released (a load still running
 * is aborted then).
 *
 * `spec.load` receives a `LoadContext` whose `fetch` dedupes, verifies and reports progress; it is
 * also where a model's warm-up inference belongs (run one `predict` on zeros and dispose the
 * result), so that `ready` means the first real frame will not pay for shader compilation. A long
 * warm-up awaits `ctx.betweenFrames()` between slices (`warmUpLayersInSlices` does for a layers
 * model) so the other tasks' frames keep coming meanwhile.
 * The first spec seen for a key is the one used: the key must name everything that changes the
 * model (name, variant, every URL).
 *
 * After a backend change (a recovered context loss) the models are reloaded one at a time, in the
 * order they were first acquired, with `pace` awaited between two: on one WebGL context the
 * warm-ups' shader compiles run one after the other anyway, and each blocks the main thread, so
 * loading them together only makes every task wait for all of them. One at a time, the first
 * task's frames run as soon as its own models are back.
 */
export class ModelCache {
  private entries = new Map<string, ModelEntry<unknown>>();
  private lastGeneration: number;
  /** Bumped by each recovery: an older one still reloading stops at its next step. */
  private recoveries = 0;

  /**
   * @param backend the backend the models load on
   * @param pace awaited between two reloads of a recovery: by default until the tasks that the
   *   model just reloaded unblocked have run a frame (`nextFrameSettled`)
   */
  constructor(
    private readonly backend: BackendHandle = backendManager,
    private readonly pace: () => Promise<void> = nextFrameSettled,
  ) {
    this.lastGeneration = backend.getSnapshot().generation;
    let failed = backend.getSnapshot().status === 'error';
    backend.subscribe(() => {
      const s = backend.getSnapshot();
      if (s.status === 'error') failed = true;
      if (s.status !== 'ready' || (s.generation === this.lastGeneration && !failed)) return;
      // A backend that works again after an error (a `use()` after "no backend works") keeps its
      // generation; the models that failed with it load now, not only after a remount.
      failed = false;
      this.lastGeneration = s.generation;
      this.recover(s.generation);
    });
  }

  /** Drop every model the new `generation` killed at once, then reload them one at a time, oldest first. */
  private recover(generation: number): void {
    const run = ++this.recoveries;
    const owed = [...this.entries.values()].filter((entry) => entry.invalidate(generation));
    void (async () => {
      for (const [i, entry] of owed.entries()) {
        // A pace that fails only ends the wait: the next model still reloads.
        if (i > 0) await this.pace().catch(() => undefined);
        if (run !== this.recoveries) return;
        await entry.reload();
      }
    })();
  }

  /**
   * Take a lease on the model; `release()` it when done (every acquire needs one release).
   * `settings` are the acquiring runtime's (the page default's when left out): the folder relative
   * URLs resolve against, the persistent cache, and how long the model outlives this lease.
   */
  acquire<T>(spec: ModelSpec<T>, settings: ModelSettings = getConfig()): ModelLease<T> {
    let entry = this.entries.get(spec.key) as ModelEntry<T> | undefined;
    // A failed model nobody holds any more is retried by the next consumer (a remount, a retry
    // button) instead of handing out the old error until the release delay ran out.
    if (entry && !entry.disposed && entry.references === 0 && entry.getSnapshot().status === 'error') entry.dispose();
    if (!entry || entry.disposed) {
      entry = new ModelEntry<T>(spec, this.backend, settings, (e) => {
        if (this.entries.get(spec.key) === e) this.entries.delete(spec.key);
      });
      this.entries.set(spec.key, entry as ModelEntry<unknown>);
    }
    const shared = entry;
    shared.retain();
    let released = false;
    return {
      subscribe: shared.subscribe,
      getSnapshot: shared.getSnapshot,
      ready: () => (released ? Promise.reject(new ModelLoadError(spec.key, 'aborted', 'the lease was released')) : shared.ready()),
      release: () => {
        if (released) return;
        released = true;
        shared.releaseOne(settings.releaseDelayMs);
      },
      retry: () => {
        if (!released) shared.retry();
      },
    };
  }

  /** Keys of the models alive now, with their lease counts (diagnostics and tests). */
  inspect(): { key: string; references: number; status: ModelEntryState<unknown>['status'] }[] {
    return [...this.entries.values()].map((e) => ({ key: e.spec.key, references: e.references, status: e.getSnapshot().status }));
  }

  /** Dispose every model now, whatever its leases (tests, page teardown). */
  clear(): void {
    for (const entry of [...this.entries.values()]) entry.dispose();
  }
}

/** The page's one model cache. */
export const modelCache = /* @__PURE__ */ new ModelCache();
