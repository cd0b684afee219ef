/**
 * The tasks a worker can host, by kind: the same `TaskEngine` subclasses as on the main thread
 * (their models, `infer`, smoothing and tracking run unchanged in the worker). A task joins the
 * worker with one line here and `worker: { kind }` in its `TaskDefinition`.
 */
import type { Frame } from '../runtime/contracts';
import { FaceEngine } from '../face/FaceEngine';
import type { FaceEngineOptions } from '../face/types';
import { HandsEngine } from '../hands/HandsEngine';
import type { HandsOptions } from '../hands/handsOptions';
import { PoseEngine } from '../pose/PoseEngine';
import type { PoseOptions } from '../pose/poseOptions';
import type { TaskResult, TaskState } from '../task/types';
import { hostClassifier } from '../classifier/hostClassifier';
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

export const WORKER_TASKS: Record<string, (options: unknown) => HostedEngine> = {
  pose: (options) => new PoseEngine(options as PoseOptions),
  face: (options) => new FaceEngine(options as FaceEngineOptions),
  hands: (options) => new HandsEngine(options as HandsOptions),
  classifier: (options) => hostClassifier(options as ClassifierEngineOptions),
};
