export {
  WebcamMLProvider,
  useBackend,
  PerformanceDisplay,
  type WebcamMLProviderProps,
  type UseBackendOptions,
  type UseBackendResult,
  type PerformanceDisplayProps,
  type PerformanceStats,
} from '../runtime/index';
