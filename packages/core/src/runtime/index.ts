/**
 * The shared ML runtime: one backend, one model cache and one frame loop per source for the whole
 * page. Engines import from here; apps import `@webcam-ml/core/runtime`.
 */
export { backendManager, BackendManager, BackendError, BACKEND_NAMES, type BackendErrorCode, type BackendHandle } from './BackendManager';
export { modelCache, ModelCache, type ModelSettings } from './ModelCache';
export { getFrameLoop, FrameLoop, type FrameTaskHandle } from './FrameLoop';
export { MAX_FRAME_SIDE, frameSize, readFramePixels, sourceSize } from './framePixels';
export { createRuntime, getDefaultRuntime, type CreateRuntimeOptions, type Runtime, type RuntimeBackendManager, type RuntimeFrameLoop, type RuntimeMemory, type RuntimeModelCache } from './Runtime';
export type { ExecutorKind, ExecutorPreference, ExecutorState, RuntimeExecutor, WorkerMemory } from '../executor/types';
export { ConfigStore, DEFAULT_RUNTIME_CONFIG, configure, getConfig, resetConfig, resolveModelUrl, subscribeConfig, type RuntimeConfig } from './config';
export { ModelLoadError, type ModelLoadErrorReason } from './ModelLoadError';
export { clearPersistentCache } from './persistentCache';
export type {
  BackendName,
  BackendPreference,
  BackendProbe,
  BackendState,
  Frame,
  FrameSourceElement,
  FrameTask,
  FrameTaskStats,
  LoadContext,
  LoadProgress,
  ModelEntryState,
  ModelLease,
  ModelSpec,
} from './contracts';
