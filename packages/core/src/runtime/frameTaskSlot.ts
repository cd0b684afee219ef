/** One task's place in a frame loop: its runs in progress, its counters and their listeners. */
import type { FrameTask, FrameTaskStats } from './contracts';

export interface TaskSlot {
  task: FrameTask;
  /** The runs in progress (one, or two for a task that keeps a pending frame); a run abandoned after a backend loss is no longer current. */
  busy: Set<object>;
  lastStart: number;
  stats: FrameTaskStats;
  /** When the runs of the last second ended (the fps window). */
  runEnds: number[];
  listeners: Set<() => void>;
}

export function createTaskSlot(task: FrameTask): TaskSlot {
  return { task, busy: new Set(), lastStart: -Infinity, stats: { processed: 0, dropped: 0, fps: 0, latencyMs: 0 }, runEnds: [], listeners: new Set() };
}

function notify(slot: TaskSlot): void {
  for (const l of [...slot.listeners]) l();
}

/** Count `count` frames the task missed; its listeners hear of it unless `quiet`. */
export function recordDropped(slot: TaskSlot, count = 1, quiet = false): void {
  slot.stats = { ...slot.stats, dropped: slot.stats.dropped + count };
  if (!quiet) notify(slot);
}

/** Count a finished run (started at `start`, ended at `end`): processed, fps over the last second, latency. */
export function recordRun(slot: TaskSlot, start: number, end: number): void {
  slot.runEnds.push(end);
  while (slot.runEnds.length && slot.runEnds[0] < end - 1000) slot.runEnds.shift();
  const window = Math.max(end - slot.runEnds[0], 1);
  const fps = slot.runEnds.length > 1 ? ((slot.runEnds.length - 1) * 1000) / window : 0;
  slot.stats = { processed: slot.stats.processed + 1, dropped: slot.stats.dropped, fps: Math.round(fps * 10) / 10, latencyMs: Math.round((end - start) * 10) / 10 };
  notify(slot);
}
