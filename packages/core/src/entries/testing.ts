// @webcam-ml/core/testing: a fake camera for tests and demos on machines without one.
export { installFakeCamera } from '../testing';
export type { FakeCamera, FakeCameraDevice, FakeCameraFailure, FakeCameraOptions } from '../testing';
