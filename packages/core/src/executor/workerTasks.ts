/**
 * The tasks a worker can host, by kind: the same `TaskEngine` subclasses as on the main thread
 * (their models, `infer`, smoothing and tracking run unchanged in the worker). A task joins the
 * worker with one line here and `worker: { kind }` in its `TaskDefinition`.
 */
import type { Frame } from '../runtime/contracts';
import type { FaceEngineOptions } from '../face/types';
import type { HandsOptions } from '../hands/handsOptions';
import type { PoseOptions } from '../pose/poseOptions';
import type { TaskResult, TaskState } from '../task/types';
import type { ClassifierEngineOptions } from '../classifier/classifierOptions';
import type { TaskCall } from './protocol';

/** What the worker needs of an engine: the public `TaskEngine` surface. */
export interface HostedEngine {
  setOptions: (options: never) => void;
  estimate: (input: Frame, timestampMs?: number) => Promise<TaskResult>;
  reset: () => void;
  dispose: () => void;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => TaskState;
  /** Answer a task call (`TaskCall`), about `frame` when it came with pixels; `progress` reports before the answer. */
  call?: (request: TaskCall, frame: Frame | null, progress: (value: unknown) => void) => Promise<unknown>;
}

/** Makes a kind's engine from the options the main side opened it with. */
export type HostedFactory = (options: unknown) => HostedEngine;

/**
 * Each kind's engine, imported when the worker first opens a task of that kind: the worker
 * evaluates only the tasks it runs (a pose worker never evaluates TF.js Layers, face-api or the
 * hands pipeline), and its backend initialises meanwhile.
 */
export const WORKER_TASKS: Record<string, () => Promise<HostedFactory>> = {
  pose: () => import('../pose/PoseEngine').then(({ PoseEngine }) => (options) => new PoseEngine(options as PoseOptions)),
  face: () => import('../face/FaceEngine').then(({ FaceEngine }) => (options) => new FaceEngine(options as FaceEngineOptions)),
  hands: () => import('../hands/HandsEngine').then(({ HandsEngine }) => (options) => new HandsEngine(options as HandsOptions)),
  classifier: () => import('../classifier/hostClassifier').then(({ hostClassifier }) => (options) => hostClassifier(options as ClassifierEngineOptions)),
};
