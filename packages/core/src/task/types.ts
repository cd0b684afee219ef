import type { ExecutorKind } from '../executor/types';
import type { BackendName, LoadProgress } from '../runtime/contracts';

/**
 * Where a task is, with one meaning for every task: `'idle'` (no work asked for: disabled, or
 * nobody listening), `'loading'` (its models are downloading or warming up), `'ready'` (running,
 * or ready to run when a source comes), `'recovering'` (the backend was lost or switched and the
 * models are reloading; frames resume by themselves), `'error'` (a model or the backend failed,
 * or the last frame failed: see `error`; a failed frame is retried with the next one).
 */
export type TaskStatus = 'idle' | 'loading' | 'ready' | 'recovering' | 'error';

/** The state every task engine has; each task adds its result fields (`poses`, `faces`, ...). */
export interface TaskState {
  /** `'idle'` (off or no listener), `'loading'`, `'ready'`, `'recovering'` (reloading after a backend change) or `'error'`: the same on every task. */
  status: TaskStatus;
  /** Why `status` is `'error'`: a `ModelLoadError`, a `BackendError`, or the task's own error. */
  error: Error | null;
  /** Bytes of the task's models downloaded so far, over their total (0 while unknown). */
  progress: LoadProgress;
  /** The TF.js backend the task runs on, once known. */
  backend: BackendName | null;
  /**
   * Where the task infers: in the runtime's worker, or on the main thread (`initialTaskState()`
   * has it; optional so a task's hand-written initial state stays valid).
   */
  executor?: ExecutorKind;
  /**
   * Why the task runs on the main thread although its runtime asked for a worker (the worker
   * did not start, the options hold a function, the task has no worker side); empty otherwise.
   */
  executorReason?: string;
  /** Frames processed per second over the last second or so (from the frame loop). */
  fps: number;
  /** Milliseconds the last inference took. */
  latencyMs: number;
  /** Frames the source presented while an inference was still running. */
  droppedFrames: number;
  /** Size in source pixels of the last processed frame (results are in this space). */
  frameSize: { width: number; height: number } | null;
  /** Timestamp (ms) of the last processed frame. */
  timestamp: number | null;
}

/** What every result has, besides the task's own fields. */
export interface TaskResult {
  /** Size in source pixels of the frame the result comes from. */
  frameSize: { width: number; height: number };
  /** The frame's timestamp (ms). */
  timestamp: number | null;
  /** Milliseconds the inference took. */
  latencyMs: number;
}

/** The options every task has, with the same meaning everywhere. */
export interface TaskOptions {
  /**
   * Process frames. `false` stops the frame task, clears the results and lets go of the models
   * (a direct `estimate()` still works).
   * @default true
   */
  enabled?: boolean;
  /**
   * Upper bound on how many frames per second are processed (the rest are skipped, not queued).
   * @default Infinity
   */
  maxFps?: number;
}

/** `TaskOptions` with their defaults filled in. */
export interface ResolvedTaskOptions {
  enabled: boolean;
  maxFps: number;
}

/** The state of a task before anything happened (a task adds its empty result fields). */
export function initialTaskState(): TaskState {
  return {
    status: 'idle',
    error: null,
    progress: { loaded: 0, total: 0 },
    backend: null,
    executor: 'main',
    executorReason: '',
    fps: 0,
    latencyMs: 0,
    droppedFrames: 0,
    frameSize: null,
    timestamp: null,
  };
}

/** The state fields that change with every frame; the rest change rarely. */
export const PER_FRAME_KEYS = ['fps', 'latencyMs', 'droppedFrames', 'frameSize', 'timestamp'] as const;
