export { TaskEngine, type InferContext, type TaskDefinition } from './TaskEngine';
export { ModelSet, type TaskModel, type TaskModels } from './ModelSet';
export { deriveStatus, type StatusInputs } from './deriveStatus';
export { isFrame, isTensor, withFrame, type TaskInput } from './taskInput';
export { initialTaskState, PER_FRAME_KEYS, type ResolvedTaskOptions, type TaskOptions, type TaskResult, type TaskState, type TaskStatus } from './types';
export { TaskLifecycle } from './TaskLifecycle';
