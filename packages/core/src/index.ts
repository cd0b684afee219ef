// @webcam-ml/core: framework-free camera, geometry and the observable Store. No TF.js here.
export { Store } from './store/Store';
export { CodedError } from './errors/CodedError';
export type { Listener } from './store/Store';
export { createCoordinateMapper, overlayBoxStyle } from './geometry';
export type {
  Box,
  CoordinateMapper,
  CoordinateMapperOptions,
  ObjectFit,
  OverlayBoxStyle,
  Point,
} from './geometry';
export {
  CameraError,
  CameraErrorCode,
  CameraSource,
  CameraStatus,
  GET_USER_MEDIA_ERROR_CODES,
  constraintsKey,
  createStreamPool,
  streamPool,
  toCameraError,
} from './camera';
export type {
  CameraSourceInput,
  CameraSourceOptions,
  CameraState,
  CaptureOptions,
  GetUserMedia,
  StreamLease,
  StreamPool,
  StreamPoolOptions,
} from './camera';
