import type { ToWorker } from './protocol';

let nextLock = 0;

/**
 * How the main side learns at once that its worker ended (terminated, crashed), without waiting
 * for the heartbeat, which stays for a worker that hangs:
 * - a Web Lock the worker takes for its life and never gives back: the browser releases it when
 *   the worker ends, and grants it to the request the main side queued behind it, that moment
 *   (every current browser; Chromium 156 here fires no port `close`);
 * - a `MessagePort` whose other end the worker keeps fires `close` where browsers ship that event.
 */
export class Lifeline {
  private readonly port: MessagePort;
  private readonly lock = `webcam-ml-worker-${Date.now().toString(36)}-${(nextLock++).toString(36)}`;
  private readonly aborter = typeof AbortController !== 'undefined' ? new AbortController() : null;

  /** Sends the worker its ends; `ended` is called when the worker is gone. */
  constructor(worker: Worker, private readonly ended: () => void) {
    const { port1, port2 } = new MessageChannel();
    port1.addEventListener('close', () => ended());
    port1.start();
    this.port = port1;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    worker.postMessage({ type: 'lifeline', port: port2, lock: locks ? this.lock : null } satisfies ToWorker, [port2]);
  }

  /** The worker holds its lock now (its `lifeline` answer): wait behind it. */
  held(): void {
    if (!this.aborter || typeof navigator === 'undefined' || !navigator.locks) return;
    navigator.locks.request(this.lock, { signal: this.aborter.signal }, () => this.ended()).catch(() => undefined);
  }

  /** The worker is let go of on purpose: stop watching. */
  close(): void {
    this.aborter?.abort();
    this.port.close();
  }
}
