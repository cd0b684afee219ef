/**
 * The messages between a runtime's main-side executor and its worker (plain, structured-cloneable
 * data; frames travel as transferred `ImageBitmap`s), and how errors cross the boundary.
 */
import { CodedError } from '../errors/CodedError';
import { FaceError } from '../face/FaceError';
import { HandsError } from '../hands/HandsError';
import { PoseError, PoseOptionsError } from '../pose/PoseError';
import { BackendError } from '../runtime/BackendManager';
import type { RuntimeConfig } from '../runtime/config';
import type { BackendState, LoadProgress } from '../runtime/contracts';
import { ModelLoadError, type ModelLoadErrorReason } from '../runtime/ModelLoadError';
import type { TaskStatus } from '../task/types';
import type { ClassifierCall, ClassifierReply } from '../classifier/classifierWire';

/** An error as data: enough to rebuild a `ModelLoadError`, a `BackendError` or a task's coded error. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  url?: string;
  status?: number;
}

/** The slow part of a worker engine's state, forwarded whenever it changes. */
export interface RemoteTaskState {
  status: TaskStatus;
  error: SerializedError | null;
  progress: LoadProgress;
  /** The engine's models are ready (frames can be sent), even when its last frame failed. */
  ready: boolean;
}

/** Settings the worker's runtime takes from the main one, with every URL absolute. */
export type WorkerSettings = Pick<RuntimeConfig, 'modelBaseUrl' | 'backend' | 'persistentCache' | 'releaseDelayMs' | 'integrity'>;

/** A frame's pixels: a transferred bitmap, or a tensor's data (a direct `estimate(tensor)`). */
export type WorkerFramePixels = { bitmap: ImageBitmap } | { data: Int32Array | Float32Array | Uint8Array; width: number; height: number };

/**
 * A request to one task's worker engine besides frames (the classifier's dataset, training and
 * direct embeddings), answered by a `reply` with the same `callId`; `progress` messages may come
 * first. A task adds its requests to this union (each has an `op`).
 */
export type TaskCall = ClassifierCall;

/** What a task call resolves with, by `op` (the classifier's replies). */
export type TaskReply<Call extends TaskCall> = Call extends ClassifierCall ? ClassifierReply<Call> : never;

export type ToWorker =
  | { type: 'configure'; settings: WorkerSettings }
  | { type: 'open'; id: number; kind: string; options: unknown }
  | { type: 'options'; id: number; options: unknown }
  | { type: 'reset'; id: number }
  | { type: 'close'; id: number }
  | ({ type: 'frame'; frameId: number; sourceId: number; timestamp: number | undefined; tasks: number[]; index: number } & WorkerFramePixels)
  | { type: 'memory'; callId: number }
  /** A task call; with pixels when it is about a frame (a direct `addExample(label, input)`). */
  | ({ type: 'call'; id: number; callId: number; request: TaskCall } & (WorkerFramePixels | { bitmap?: undefined; data?: undefined }))
  | { type: 'ping' }
  /** Test-only: lose (or restore) the worker's WebGL context (`RuntimeExecutor.simulateContextLoss`). */
  | { type: 'context'; callId: number; action: 'lose' | 'restore' }
  /**
   * A port the worker keeps (its `close` event, where browsers fire it, tells the main side at once
   * that the worker is gone) and a Web Lock to hold for its life (null without `navigator.locks`).
   */
  | { type: 'lifeline'; port: MessagePort; lock: string | null };

export type FromWorker =
  | { type: 'started' }
  /** The worker holds its lifeline lock. */
  | { type: 'held' }
  | { type: 'backend'; state: Omit<BackendState, 'error'> & { error: SerializedError | null } }
  | { type: 'task'; id: number; state: RemoteTaskState }
  | { type: 'result'; frameId: number; id: number; result: unknown }
  | { type: 'failed'; frameId: number; id: number; error: SerializedError }
  | { type: 'dropped'; frameId: number; tasks: number[] }
  | { type: 'memory'; callId: number; numTensors: number; numBytes: number; openBitmaps: number }
  | { type: 'reply'; callId: number; value: unknown; error: SerializedError | null }
  | { type: 'progress'; callId: number; value: unknown }
  | { type: 'pong' }
  | { type: 'context'; callId: number; done: boolean };

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const out: SerializedError = { name: error.name, message: error.message };
  const extra = error as Error & { code?: unknown; url?: unknown; status?: unknown };
  if (typeof extra.code === 'string') out.code = extra.code;
  if (typeof extra.url === 'string') out.url = extra.url;
  if (typeof extra.status === 'number') out.status = extra.status;
  return out;
}

/** The typed errors of the tasks the worker hosts, by name: rebuilt as their own class. */
const TASK_ERRORS: Record<string, (code: string, message: string) => Error> = {
  PoseError: (code, message) => new PoseError(code as never, message),
  PoseOptionsError: (_code, message) => new PoseOptionsError(message),
  FaceError: (code, message) => new FaceError(code as never, message),
  HandsError: (code, message) => new HandsError(code as never, message),
};

/**
 * The error again on the main side: a `ModelLoadError` or `BackendError` as such, a hosted task's
 * own error as its class (`PoseError`, `FaceError`, `HandsError`), so `instanceof` and `code`
 * work as on the main thread; any other coded error as a `CodedError` with the same name, code
 * and message.
 */
export function reviveError(e: SerializedError): Error {
  let error: Error;
  if (e.name === 'ModelLoadError' && e.url !== undefined) {
    error = new ModelLoadError(e.url, e.code as ModelLoadErrorReason, undefined, { status: e.status });
  } else if (e.name === 'BackendError') {
    error = new BackendError(e.message, { code: e.code as 'no-backend' | 'init-failed' });
  } else if (e.code !== undefined && Object.hasOwn(TASK_ERRORS, e.name)) {
    error = TASK_ERRORS[e.name](e.code, e.message);
  } else if (e.code !== undefined) {
    error = new CodedError(e.code, e.message);
    Object.defineProperty(error, 'name', { value: e.name, configurable: true, writable: true });
  } else {
    error = new Error(e.message);
    error.name = e.name;
  }
  error.message = e.message;
  return error;
}
