export { installFakeCamera } from './installFakeCamera';
export type { FakeCamera, FakeCameraDevice, FakeCameraFailure, FakeCameraOptions } from './installFakeCamera';
