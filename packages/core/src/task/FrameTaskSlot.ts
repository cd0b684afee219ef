import type { ExecutorKind } from '../executor/types';
import type { FrameTaskHandle } from '../runtime/FrameLoop';
import type { Runtime } from '../runtime/Runtime';
import type { Frame, FrameSourceElement, FrameTaskStats } from '../runtime/contracts';

/** A task's one registration on a source's frame loop: placed, moved or removed as its inputs change. */
export class FrameTaskSlot {
  private current: { handle: FrameTaskHandle; source: FrameSourceElement; maxFps: number; executor: ExecutorKind; stop: () => void } | null = null;
  private placing = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly run: (frame: Frame) => Promise<void | 'dropped'>,
    private readonly onStats: (stats: FrameTaskStats) => void,
  ) {}

  /**
   * Run on `source` at `maxFps` (kept as is when it already does), or leave the loop with `null`.
   * A task in the worker runs on the runtime's worker loop, which offers it frames while it is
   * busy (the worker keeps the newest one pending).
   */
  place(source: FrameSourceElement | null, maxFps: number, executor: ExecutorKind = 'main'): void {
    // Adding a task can start the loop, which acquires the backend and may notify re-entrantly.
    if (this.placing) return;
    const same = this.current && this.current.source === source && this.current.maxFps === maxFps && this.current.executor === executor;
    if (source && same) return;
    this.placing = true;
    try {
      this.clear();
      if (!source) return;
      const loop = executor === 'worker' ? this.runtime.frameLoop(source, 'worker') : this.runtime.frameLoop(source);
      const handle = loop.add({
        maxFps,
        keepsPending: executor === 'worker',
        run: this.run,
        // Already in the task's state; the loop goes on with the next frame.
        onError: () => {},
      });
      const stop = handle.subscribe(() => this.onStats(handle.stats()));
      this.current = { handle, source, maxFps, executor, stop };
      // A still image is offered once per content: a new task must see it too.
      loop.invalidate();
    } finally {
      this.placing = false;
    }
  }

  /** Offer a still source again (its result depends on something that changed). */
  reoffer(): void {
    if (this.current) (this.current.executor === 'worker' ? this.runtime.frameLoop(this.current.source, 'worker') : this.runtime.frameLoop(this.current.source)).invalidate();
  }

  clear(): void {
    if (!this.current) return;
    this.current.stop();
    this.current.handle.remove();
    this.current = null;
  }
}
