export { TaskEngine, type InferContext, type TaskDefinition, type TaskModel, type TaskModels } from './TaskEngine';
export { deriveStatus, type StatusInputs } from './deriveStatus';
export { isFrame, isTensor, withFrame, type TaskInput } from './taskInput';
export { PER_FRAME_KEYS, type ResolvedTaskOptions, type TaskOptions, type TaskResult, type TaskState, type TaskStatus } from './types';
