import type { Frame } from '../runtime/contracts';
import { sourceSize } from '../runtime/framePixels';
import { isCanvas, isImage, isVideo } from '../runtime/sourceKinds';
import { reviveError, type FromWorker, type ToWorker, type WorkerFramePixels } from './protocol';
import type { RemoteOutcome } from './types';

interface Waiter {
  resolve: (outcome: RemoteOutcome) => void;
  reject: (error: Error) => void;
}

interface Batch {
  frameId: number;
  tasks: number[];
}

const isBitmapSource = (s: unknown): s is ImageBitmapSource =>
  isVideo(s) || isImage(s) || isCanvas(s) || (typeof ImageBitmap !== 'undefined' && s instanceof ImageBitmap) || (typeof ImageData !== 'undefined' && s instanceof ImageData);

/**
 * Frames to the worker: one `ImageBitmap` per frame for every task due on it (the tasks of one
 * loop tick are collected before the bitmap is ready), transferred, never copied; the answers
 * resolve each task's promise. Transfer cost (bitmap + post) is kept for the benchmarks.
 */
export class FrameSender {
  private nextFrame = 1;
  private nextDirect = -1;
  private readonly batches = new WeakMap<Frame, Batch>();
  private readonly waiting = new Map<number, Map<number, Waiter>>();
  private readonly sourceIds = new WeakMap<object, number>();
  private nextSource = 1;
  private readonly costs: number[] = [];
  /** Bitmaps made and not yet transferred. */
  inHand = 0;

  constructor(private readonly post: (message: ToWorker, transfer: Transferable[]) => boolean) {}

  /** Send `frame` for task `id` (batched with the other tasks of the same frame). */
  infer(id: number, frame: Frame, timestampMs: number | undefined): Promise<RemoteOutcome> {
    return new Promise<RemoteOutcome>((resolve, reject) => {
      let batch = this.batches.get(frame);
      const fresh = !batch;
      if (!batch) {
        batch = { frameId: this.nextFrame++, tasks: [] };
        this.batches.set(frame, batch);
        this.waiting.set(batch.frameId, new Map());
      }
      batch.tasks.push(id);
      this.waiting.get(batch.frameId)!.set(id, { resolve, reject });
      if (fresh) void this.send(frame, batch, timestampMs);
    });
  }

  private sourceId(frame: Frame): number {
    // A direct call (index -1) gets a channel of its own, so the loop's newer frames never drop it.
    if (frame.index < 0) return this.nextDirect--;
    let id = this.sourceIds.get(frame.source);
    if (id === undefined) this.sourceIds.set(frame.source, (id = this.nextSource++));
    return id;
  }

  private async send(frame: Frame, batch: Batch, timestampMs: number | undefined): Promise<void> {
    const started = performance.now();
    const head = { type: 'frame' as const, frameId: batch.frameId, sourceId: this.sourceId(frame), timestamp: timestampMs, index: frame.index };
    try {
      if (!(await this.transfer(frame, (pixels, transfer) => this.post({ ...head, tasks: batch.tasks, ...pixels }, transfer)))) return this.settle(batch.frameId, 'dropped');
      this.costs.push(performance.now() - started);
      if (this.costs.length > 60) this.costs.shift();
    } catch (error) {
      this.fail(batch.frameId, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * Post `frame`'s pixels with `post`: a bitmap of the frame's size, transferred (closed here when
   * the post fails), or a tensor's data (a copy; only for direct calls). Resolves with whether it
   * was posted. Frames and task calls about a frame (the classifier's `addExample`) both cross so.
   */
  async transfer(frame: Frame, post: (pixels: WorkerFramePixels, transfer: Transferable[]) => boolean): Promise<boolean> {
    if (isBitmapSource(frame.source)) {
      const own = sourceSize(frame.source);
      const scaled = own.width !== frame.width || own.height !== frame.height;
      const bitmap = await createImageBitmap(frame.source, scaled ? { resizeWidth: frame.width, resizeHeight: frame.height, resizeQuality: 'low' } : {});
      this.inHand++;
      const sent = post({ bitmap }, [bitmap]);
      this.inHand--;
      if (!sent) bitmap.close();
      return sent;
    }
    const data = (await frame.pixels().data()) as Int32Array | Float32Array;
    return post({ data, width: frame.width, height: frame.height }, [data.buffer]);
  }

  /** An answer from the worker. */
  receive(message: Extract<FromWorker, { type: 'result' | 'failed' | 'dropped' }>): void {
    const waiters = this.waiting.get(message.frameId);
    if (!waiters) return;
    const ids = message.type === 'dropped' ? message.tasks : [message.id];
    for (const id of ids) {
      const waiter = waiters.get(id);
      if (!waiter) continue;
      waiters.delete(id);
      if (message.type === 'result') waiter.resolve(message.result as RemoteOutcome);
      else if (message.type === 'failed') waiter.reject(reviveError(message.error));
      else waiter.resolve('dropped');
    }
    if (waiters.size === 0) this.waiting.delete(message.frameId);
  }

  /** The worker is gone: every frame it had is dropped (the tasks take the next one). */
  abandon(): void {
    for (const frameId of [...this.waiting.keys()]) this.settle(frameId, 'dropped');
  }

  /** Median transfer cost of the recent frames, ms. */
  transferMs(): number | null {
    if (this.costs.length === 0) return null;
    const sorted = [...this.costs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  private settle(frameId: number, outcome: 'dropped'): void {
    const waiters = this.waiting.get(frameId);
    this.waiting.delete(frameId);
    for (const waiter of waiters?.values() ?? []) waiter.resolve(outcome);
  }

  private fail(frameId: number, error: Error): void {
    const waiters = this.waiting.get(frameId);
    this.waiting.delete(frameId);
    for (const waiter of waiters?.values() ?? []) waiter.reject(error);
  }
}
