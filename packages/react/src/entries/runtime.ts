// @webcam-ml/react/runtime: the provider for runtime settings, backend status and the performance display.
export { WebcamMLProvider, type WebcamMLProviderProps } from '../runtime/WebcamMLProvider';
export { useBackend, type UseBackendOptions, type UseBackendResult } from '../runtime/useBackend';
export { PerformanceDisplay, type PerformanceDisplayProps, type PerformanceStats } from '../runtime/PerformanceDisplay';
export { RuntimeContext, useRuntime } from '../runtime/RuntimeContext';
export { useTaskState, shallowEqual, type StateSource } from '../shared/useTaskState';
export type { TaskHandles } from '../shared/useTaskEngine';
export { webcamMLThemeCss } from '../theme/themeCss';
export type { UnstyledProp } from '../theme/useThemeStyle';
