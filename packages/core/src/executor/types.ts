import type { BackendHandle } from '../runtime/BackendManager';
import type { Frame, LoadProgress } from '../runtime/contracts';
import type { TaskResult, TaskStatus } from '../task/types';
import type { TaskCall, TaskReply } from './protocol';

/** The code of the error a task call rejects with when its worker died before answering. */
export const WORKER_GONE = 'worker-gone';

/**
 * Where a runtime's tasks infer: `'worker'` in one module worker of the runtime, `'main'` on the
 * page's thread, `'auto'` the worker where `Worker`, `OffscreenCanvas` and `createImageBitmap`
 * exist, the main thread otherwise.
 */
export type ExecutorPreference = 'auto' | 'worker' | 'main';

/** Where a task runs. */
export type ExecutorKind = 'main' | 'worker';

/** The executor's observable state. */
export interface ExecutorState {
  /** What the runtime was asked for. */
  requested: ExecutorPreference;
  /** Where tasks that can run in the worker run now. */
  kind: ExecutorKind;
  /** The worker's life: `'idle'` (not started, or stopped after the last widget left). */
  status: 'idle' | 'starting' | 'running' | 'restarting';
  /** Why `kind` is `'main'` when `'worker'` or `'auto'` was asked for (empty otherwise). */
  reason: string;
  /** How often the worker was restarted after it died. */
  restarts: number;
  /** Why the worker was last restarted (empty before any restart). */
  fault: string;
}

/** A worker engine's state as the main side sees it. */
export interface RemoteState {
  status: TaskStatus;
  error: Error | null;
  progress: LoadProgress;
  /** The worker engine's models are ready (frames can be sent), even if its last frame failed. */
  ready: boolean;
}

/** What a frame sent to the worker came back as: the task's result, or dropped for a newer frame. */
export type RemoteOutcome = TaskResult | 'dropped';

/** One main-side engine's counterpart in the worker. */
export interface RemoteTask {
  /** The options as given (full replace), forwarded to the worker engine. */
  setOptions: (options: unknown) => void;
  /** Infer on `frame` in the worker (its bitmap is shared with every task of the frame). */
  infer: (frame: Frame, timestampMs: number | undefined) => Promise<RemoteOutcome>;
  /** Forget temporal state (tracking, smoothing). */
  reset: () => void;
  /** Dispose the worker engine. */
  close: () => void;
  /**
   * A request to the worker engine besides frames (`TaskCall`), with the pixels of `frame` when
   * given; `onProgress` hears what the engine reports before its answer. Rejects with the
   * engine's error, or with a `CodedError` `'worker-gone'` when the worker died first (the
   * executor restarts it and reopens the task: the call may be made again).
   */
  call: <Call extends TaskCall>(request: Call, frame?: Frame | null, onProgress?: (value: unknown) => void) => Promise<TaskReply<Call>>;
  getState: () => RemoteState;
}

/** What the executor reports of the worker's memory. */
export interface WorkerMemory {
  numTensors: number;
  numBytes: number;
  /** Frames received and not yet closed. */
  openBitmaps: number;
}

/** A runtime's executor (`runtime.executor`). */
export interface RuntimeExecutor {
  getSnapshot: () => ExecutorState;
  subscribe: (listener: () => void) => () => void;
  /** The worker's backend (counted: the worker lives while someone holds it, and `releaseDelayMs` more). */
  readonly backend: BackendHandle;
  /**
   * Open a task in the worker (only while `kind` is `'worker'`). `onOpened` is told each time the
   * worker engine is created (first, and again in a restarted worker) right after it was, before
   * any frame reaches it: a task sends what its new engine must know (the classifier its dataset).
   */
  open: (kind: string, options: unknown, onState: () => void, onOpened?: (task: RemoteTask) => void) => RemoteTask;
  /** The worker's tensors and open bitmaps, or null when no worker runs. */
  memory: () => Promise<WorkerMemory | null>;
  /** Median ms of `createImageBitmap` + `postMessage` over the recent frames, null before any. */
  transferMs: () => number | null;
  /** Bitmaps made on this side and not yet transferred. */
  readonly bitmapsInHand: number;
  /** The worker (tests terminate it to check the restart). */
  worker: () => Worker | null;
  /**
   * Test-only: lose (`'lose'`) or restore (`'restore'`) the WebGL context of the worker's backend
   * through `WEBGL_lose_context`, as a GPU reset would, to check the recovery. Resolves false when
   * no worker runs or its backend is not webgl. Not for apps.
   */
  simulateContextLoss: (action: 'lose' | 'restore') => Promise<boolean>;
}
