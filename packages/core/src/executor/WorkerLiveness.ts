import type { ToWorker } from './protocol';

const PING_MS = 500;
/**
 * How long a worker may be silent before it is taken for hung and restarted. Long synchronous
 * work blocks the worker's thread: WebGL compiles every shader at its warm-up, and on a software
 * GPU (SwiftShader) under load that took 20-40 s, a frame 3 s. Where a Web Lock tells of a death
 * at once, the heartbeat only catches a worker stuck for good and can be patient; elsewhere it is
 * the only sign of a death, so it is quick while frames run and patient while models load.
 */
const SILENT_MS = { locked: 30_000, running: 3_000, settingUp: 90_000 };

let nextLock = 0;

/**
 * Whether one worker still lives, seen from the main side: a Web Lock the worker holds for its
 * life (the browser releases it the moment the worker ends: terminated, crashed, out of memory),
 * a port it keeps (browsers that fire `close` on it), and a heartbeat for a worker that hangs.
 * `onDead(why)` is called once at most, never after `stop()`.
 */
export class WorkerLiveness {
  private lastHeard = performance.now();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly port: MessagePort;
  private readonly lock: string | null;
  private locked = false;
  private over = false;

  constructor(
    private readonly worker: Worker,
    private readonly onDead: (why: string) => void,
    /** The worker's backend or a task's models are being set up (a long silence is expected). */
    private readonly settingUp: () => boolean,
  ) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    this.lock = locks ? `webcam-ml-worker-${Date.now().toString(36)}-${nextLock++}` : null;
    const { port1, port2 } = new MessageChannel();
    port1.addEventListener('close', () => this.dead('it ended'));
    port1.start();
    this.port = port1;
    worker.postMessage({ type: 'lifeline', port: port2, lock: this.lock } satisfies ToWorker, [port2]);
  }

  /** A message came from the worker. */
  heard(): void {
    this.lastHeard = performance.now();
  }

  /** The worker runs the protocol: start the heartbeat. */
  started(): void {
    this.heartbeat ??= setInterval(() => this.beat(), PING_MS);
  }

  /** The worker holds its lock: ours is granted when it ends. */
  held(): void {
    if (!this.lock || this.locked) return;
    this.locked = true;
    void navigator.locks.request(this.lock, () => this.dead('it ended'));
  }

  stop(): void {
    this.over = true;
    this.port.close();
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private beat(): void {
    const limit = this.settingUp() ? SILENT_MS.settingUp : this.locked ? SILENT_MS.locked : SILENT_MS.running;
    if (performance.now() - this.lastHeard > limit) return this.dead(`it stopped answering for ${limit / 1000} s`);
    this.worker.postMessage({ type: 'ping' } satisfies ToWorker);
  }

  private dead(why: string): void {
    if (this.over) return;
    this.stop();
    this.onDead(why);
  }
}
