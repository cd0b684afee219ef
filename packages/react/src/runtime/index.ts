export { WebcamMLProvider, type WebcamMLProviderProps } from './WebcamMLProvider';
export { useBackend, type UseBackendOptions, type UseBackendResult } from './useBackend';
export { PerformanceDisplay, type PerformanceDisplayProps, type PerformanceStats } from './PerformanceDisplay';
