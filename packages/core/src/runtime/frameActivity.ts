/**
 * The page's frame loops as the model cache's recovery sees them: whether any loop is about to
 * offer a frame, and when a frame has run on every task it was offered to. After a context loss
 * the cache reloads one model at a time and waits here in between, so the tasks a recovered model
 * unblocked show a result before the next model's warm-up (synchronous shader compiles) holds the
 * main thread.
 */

/** What this module needs of a loop. */
export interface OfferingLoop {
  /** Whether the loop has tasks and could read its source now (playing, visible, backend ready). */
  willOffer(): boolean;
}

const loops = new Set<OfferingLoop>();
let offered = 0;
/** Frames offered and not yet settled (nor abandoned), by number. */
const unsettled = new Set<number>();
const waiters = new Set<{ after: number; resolve: () => void }>();

/** A loop started (`running`) or stopped. */
export function loopRunning(loop: OfferingLoop, running: boolean): void {
  if (running) loops.add(loop);
  else loops.delete(loop);
}

/** A frame is offered to its due tasks: its number, for `frameSettled`. */
export function frameOffered(): number {
  unsettled.add(++offered);
  return offered;
}

/**
 * Every task the frame `seq` was offered to has finished with it (or the frame was abandoned
 * after a backend loss). A waiter is not told of it while an older frame is still running: a
 * frame offered only to a task that skips it settles at once, while the reloaded model's own
 * first frame (which may compile every shader of it) is still running.
 */
export function frameSettled(seq: number): void {
  if (!unsettled.delete(seq)) return;
  for (const older of unsettled) if (older < seq) return;
  for (const waiter of [...waiters]) {
    if (seq <= waiter.after) continue;
    waiters.delete(waiter);
    waiter.resolve();
  }
}

/**
 * Resolves once a frame offered after this call has run on every task it was offered to, with no
 * older frame still running; at once when no loop will offer one (no tasks, a paused or hidden
 * source), or after `timeoutMs` (a frame that never settles).
 * @param timeoutMs the longest wait
 * @default 2000
 */
export function nextFrameSettled(timeoutMs = 2000): Promise<void> {
  if (![...loops].some((loop) => loop.willOffer())) return Promise.resolve();
  return new Promise((resolve) => {
    const waiter = {
      after: offered,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    };
    const timer = setTimeout(() => {
      waiters.delete(waiter);
      resolve();
    }, timeoutMs);
    waiters.add(waiter);
  });
}
