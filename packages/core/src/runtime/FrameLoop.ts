import type * as tf from '@tensorflow/tfjs-core';
import { backendManager, type BackendHandle } from './BackendManager';
import type { Frame, FrameSourceElement, FrameTask, FrameTaskStats } from './contracts';
import { frameOffered, frameSettled, loopRunning, type OfferingLoop } from './frameActivity';
import { createTaskSlot, recordDropped, recordRun, type TaskSlot } from './frameTaskSlot';
import { frameSize, readFramePixels, sourceSize } from './framePixels';
import { isCanvas, isImage, isVideo, reportUncaught, type VideoWithFrameCallback } from './sourceKinds';

/** What `FrameLoop.add` returns: the task's counters and the way to stop it. */
export interface FrameTaskHandle {
  /** The task's counters now (a new object after each change). */
  stats: () => FrameTaskStats;
  /** Called after each run of this task and each frame it dropped. */
  subscribe: (listener: () => void) => () => void;
  /** Unregister the task; the loop stops when its last task is removed. */
  remove: () => void;
}


/**
 * The one frame loop of a source element, shared by every task (pose, face, classifier) on it.
 *
 * - Videos are driven by `requestVideoFrameCallback` (rAF where it is missing, reading a frame only
 *   when `currentTime` moved): each new video frame is offered to the tasks at most once. Nothing
 *   runs while the document is hidden, the video is paused or ended, or before it has a size.
 * - Canvases are offered once per animation frame (they are assumed to be redrawn like a video).
 *   Images, ImageBitmaps and ImageData are offered once per distinct content (an image's
 *   `currentSrc`); call `invalidate()` after drawing new content into a static source.
 * - Never a queue: a task still busy with an earlier frame misses this one, counted in
 *   `stats.dropped`. A task's `maxFps` skips frames silently (they are not drops).
 * - Tasks share one pixel read (`frame.pixels()`, disposed when the last task of the frame
 *   finished) and take turns being first, so none is always served last. A source larger than
 *   `MAX_FRAME_SIDE` on its longer side is read scaled down to it.
 * - No frame is offered while the backend is not `ready` (selecting, recovering after a context
 *   loss); the loop holds the backend (`backendManager.acquire`) while it has tasks.
 */
export class FrameLoop implements OfferingLoop {
  private slots: TaskSlot[] = [];
  private running = false;
  private handle: number | null = null;
  private handleKind: 'rvfc' | 'raf' | null = null;
  private lastVideoTime = -1;
  private lastPresented = -1;
  private lastContentKey: string | null = null;
  private frameIndex = 0;
  private rotation = 0;
  /** Pixels of frames some task is still working on. */
  private inFlight = new Set<{ release: () => void }>();
  private unsubscribeBackend: (() => void) | null = null;
  private generation = -1;

  constructor(
    readonly source: FrameSourceElement,
    private readonly backend: BackendHandle = backendManager,
  ) {}

  /** Number of registered tasks. */
  get size(): number {
    return this.slots.length;
  }

  /** Register a task; the loop starts with its first task. */
  add(task: FrameTask): FrameTaskHandle {
    if (task.maxFps !== undefined && !(task.maxFps > 0)) {
      throw new TypeError(`FrameLoop.add: maxFps must be a number > 0; got ${JSON.stringify(task.maxFps)}`);
    }
    const slot = createTaskSlot(task);
    this.slots.push(slot);
    if (!this.running) this.start();
    let removed = false;
    return {
      stats: () => slot.stats,
      subscribe: (listener) => {
        slot.listeners.add(listener);
        return () => slot.listeners.delete(listener);
      },
      remove: () => {
        if (removed) return;
        removed = true;
        this.slots = this.slots.filter((s) => s !== slot);
        slot.listeners.clear();
        if (this.slots.length === 0) this.stop();
      },
    };
  }

  /** Whether a frame is coming: tasks registered and the source readable now. */
  willOffer(): boolean {
    return this.running && this.slots.length > 0 && this.canRead();
  }

  /** Offer the current content of a static source (image, ImageData, bitmap) again. */
  invalidate(): void {
    this.lastContentKey = null;
  }

  /** Frames that go by while the page is hidden are not dropped frames: restart the count. */
  private readonly forgetPresented = (): void => {
    this.lastPresented = -1;
  };

  private start(): void {
    this.running = true;
    loopRunning(this, true);
    this.lastPresented = -1;
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.forgetPresented);
    void this.backend.acquire().catch(() => undefined);
    this.generation = this.backend.getSnapshot().generation;
    this.unsubscribeBackend = this.backend.subscribe(() => {
      const { status, generation } = this.backend.getSnapshot();
      if (status === 'recovering' || generation !== this.generation) {
        this.generation = generation;
        this.abandonRuns();
      }
    });
    this.schedule();
  }

  /**
   * After a lost context, reads on the dead backend may never settle (a WebGL fence that never
   * passes): forget the runs in flight so each task takes the next frame on the new backend,
   * and free their frames' pixels. Their late completions and errors are ignored.
   */
  private abandonRuns(): void {
    for (const slot of this.slots) slot.busy.clear();
    for (const frame of this.inFlight) frame.release();
    this.inFlight.clear();
  }

  private stop(): void {
    this.running = false;
    loopRunning(this, false);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.forgetPresented);
    if (this.handle !== null) {
      const video = this.source as VideoWithFrameCallback;
      if (this.handleKind === 'rvfc') video.cancelVideoFrameCallback?.(this.handle);
      else cancelAnimationFrame(this.handle);
    }
    this.handle = null;
    this.unsubscribeBackend?.();
    this.unsubscribeBackend = null;
    this.backend.release();
  }

  private schedule(): void {
    if (!this.running) return;
    const video = this.source as VideoWithFrameCallback;
    if (isVideo(this.source) && typeof video.requestVideoFrameCallback === 'function') {
      this.handleKind = 'rvfc';
      this.handle = video.requestVideoFrameCallback((_now, metadata) => {
        this.handle = null;
        this.schedule();
        // Without rVFC we could not tell a camera's frames apart: presentedFrames does.
        if (metadata.presentedFrames === this.lastPresented) return;
        // Frames presented while the main thread was blocked (synchronous wasm or cpu inference)
        // never reach a callback: they are dropped frames too, counted from the gap.
        const missed = this.lastPresented < 0 ? 0 : Math.max(0, metadata.presentedFrames - this.lastPresented - 1);
        this.lastPresented = metadata.presentedFrames;
        this.tick(metadata.mediaTime * 1000, missed);
      });
      return;
    }
    this.handleKind = 'raf';
    this.handle = requestAnimationFrame(() => {
      this.handle = null;
      this.schedule();
      if (isVideo(this.source)) {
        if (this.source.currentTime === this.lastVideoTime) return;
        this.lastVideoTime = this.source.currentTime;
        this.tick(this.source.currentTime * 1000);
      } else if (isCanvas(this.source)) {
        this.tick(performance.now());
      } else {
        const key = isImage(this.source) ? `${this.source.currentSrc || this.source.src}|${this.source.complete}` : 'static';
        if (key === this.lastContentKey) return;
        if (this.tick(performance.now())) this.lastContentKey = key;
      }
    });
  }

  /** Whether the source may be read now. */
  private canRead(): boolean {
    if (typeof document !== 'undefined' && document.hidden) return false;
    if (isVideo(this.source) && (this.source.paused || this.source.ended || this.source.readyState < 2)) return false;
    const { width, height } = sourceSize(this.source);
    if (width === 0 || height === 0) return false;
    return this.backend.getSnapshot().status === 'ready';
  }

  /**
   * Offer one frame to the tasks; returns whether it was offered. `missed` frames went by unseen
   * since the last callback: each task that takes every frame (no `maxFps`) counts them as dropped.
   */
  private tick(timestamp: number, missed = 0): boolean {
    if (!this.canRead()) {
      // Not reading now (paused, hidden, no size, backend busy): what goes by is not dropped.
      this.lastPresented = -1;
      return false;
    }
    if (missed > 0) {
      for (const slot of this.slots) {
        if (Number.isFinite(slot.task.maxFps ?? Infinity)) continue;
        recordDropped(slot, missed, true);
      }
    }
    const now = performance.now();
    const order = this.slots.length ? [...this.slots.slice(this.rotation % this.slots.length), ...this.slots.slice(0, this.rotation % this.slots.length)] : [];
    this.rotation++;
    const due: TaskSlot[] = [];
    for (const slot of order) {
      if (slot.busy.size > 0 && !slot.task.keepsPending) {
        recordDropped(slot);
        continue;
      }
      const maxFps = slot.task.maxFps ?? Infinity;
      // 1 ms slack: frame callbacks jitter around the exact period.
      if (Number.isFinite(maxFps) && now - slot.lastStart < 1000 / maxFps - 1) continue;
      due.push(slot);
    }
    if (due.length === 0) return true;
    const { width, height } = frameSize(this.source);
    let pixels: tf.Tensor3D | null = null;
    const frame: Frame = {
      source: this.source,
      width,
      height,
      timestamp,
      index: this.frameIndex++,
      pixels: () => (pixels ??= readFramePixels(this.source)),
    };
    let pending = due.length;
    const seq = frameOffered();
    const inFlight = {
      release: () => {
        pixels?.dispose();
        pixels = null;
        this.inFlight.delete(inFlight);
        frameSettled(seq);
      },
    };
    this.inFlight.add(inFlight);
    const finished = () => {
      if (--pending > 0) return;
      inFlight.release();
    };
    for (const slot of due) this.runTask(slot, frame, finished);
    return true;
  }

  private runTask(slot: TaskSlot, frame: Frame, finished: () => void): void {
    const run = {};
    slot.busy.add(run);
    const start = performance.now();
    slot.lastStart = start;
    const done = (error?: unknown, failed = false, dropped = false) => {
      if (!slot.busy.delete(run)) return; // abandoned after a backend loss
      finished();
      if (dropped) {
        recordDropped(slot);
        return;
      }
      recordRun(slot, start, performance.now());
      if (failed) {
        if (slot.task.onError) slot.task.onError(error, frame);
        else reportUncaught(error);
      }
    };
    try {
      const result = slot.task.run(frame);
      if (result && typeof (result as Promise<void>).then === 'function') {
        (result as Promise<void | 'dropped'>).then((outcome) => done(undefined, false, outcome === 'dropped'), (error: unknown) => done(error, true));
      } else done();
    } catch (error) {
      done(error, true);
    }
  }
}

const loops = new WeakMap<object, FrameLoop>();

/** The shared frame loop of `source` (one per element, created on first use). */
export function getFrameLoop(source: FrameSourceElement): FrameLoop {
  let loop = loops.get(source);
  if (!loop) {
    loop = new FrameLoop(source);
    loops.set(source, loop);
  }
  return loop;
}
