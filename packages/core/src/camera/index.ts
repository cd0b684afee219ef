export { CameraError, CameraErrorCode, GET_USER_MEDIA_ERROR_CODES, toCameraError } from './CameraError';
export { createStreamPool, streamPool, constraintsKey } from './streamPool';
export type { GetUserMedia, StreamLease, StreamPool, StreamPoolOptions } from './streamPool';
export { CameraSource, CameraStatus } from './CameraSource';
export type { CameraSourceOptions, CameraState } from './CameraSource';
export type { CameraSourceInput, CaptureOptions } from './capture';
