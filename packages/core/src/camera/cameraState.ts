import type { CameraError } from './CameraError';
import type { CameraSourceInput } from './capture';
import type { StreamPool } from './streamPool';

/** Where the camera is in its life; one value at a time. */
export const CameraStatus = {
  /** Not started (`autoStart: false`, or before mount). */
  Idle: 'idle',
  /** Asking for permission or waiting for the first frame. */
  Requesting: 'requesting',
  /** A real frame has arrived (readyState ≥ 2 and a non-zero size). */
  Live: 'live',
  /** Frames are held by `pause()` (or a hidden page with `pauseWhenHidden`); the stream is kept. */
  Paused: 'paused',
  /** `stop()` released the camera. */
  Stopped: 'stopped',
  /** See `error`. */
  Error: 'error',
} as const;
export type CameraStatus = (typeof CameraStatus)[keyof typeof CameraStatus];

export interface CameraSourceOptions {
  /** The camera to open (an id from `devices`); required exactly. @default undefined (the browser's choice) */
  deviceId?: string;
  /** `'user'` (front) or `'environment'` (back), as a preference. @default undefined */
  facingMode?: 'user' | 'environment' | (string & {});
  /** Preferred width in pixels (an `ideal` constraint). @default undefined */
  width?: number;
  /** Preferred height in pixels (an `ideal` constraint). @default undefined */
  height?: number;
  /** Preferred frame rate (an `ideal` constraint). @default undefined */
  frameRate?: number;
  /** Extra track constraints merged over the ones above (for example `{ width: { exact: 1280 } }`). @default undefined */
  videoConstraints?: MediaTrackConstraints;
  /** Start the camera when mounted. @default true */
  autoStart?: boolean;
  /** Pause while the page is hidden and resume when it is shown again. @default false */
  pauseWhenHidden?: boolean;
  /**
   * Play this instead of a camera: a video URL (looped, muted), or a video, image or canvas
   * element (captured with `captureStream`; a video element must be playing).
   * @default null (the camera)
   */
  src?: CameraSourceInput | null;
  /** The stream pool to borrow camera streams from. @default the page-wide `streamPool` */
  pool?: StreamPool;
}

export interface CameraState {
  /** `'idle' | 'requesting' | 'live' | 'paused' | 'stopped' | 'error'`; `'live'` only once a real frame arrived. */
  status: CameraStatus;
  /** Why `status` is `'error'`: a `CameraError` whose `code` says what a person can do (`permission-denied`, `not-found`, `in-use`...). */
  error: CameraError | null;
  /** The live stream (camera or captured element); null for a video URL and when not started. */
  stream: MediaStream | null;
  /** The element showing the frames: the attached one, or an internal one when none is attached. */
  video: HTMLVideoElement | null;
  /** Video inputs, refreshed on `devicechange`; labels appear once permission is granted. */
  devices: MediaDeviceInfo[];
  /** The `deviceId` of the camera in use, once live. */
  deviceId: string | null;
  /** Intrinsic width of the frames, 0 until the first frame. */
  videoWidth: number;
  /** Intrinsic height of the frames, 0 until the first frame. */
  videoHeight: number;
}
