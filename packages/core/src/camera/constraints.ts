import type { CameraSourceOptions } from './CameraSource';
import { constraintsKey } from './streamPool';

/** The options that pick the stream; a change of any of them needs a new one. */
const STREAM_KEYS = ['deviceId', 'facingMode', 'width', 'height', 'frameRate', 'videoConstraints', 'src'] as const;

/** What `getUserMedia` is asked for: video only, a chosen device exactly, the rest as `ideal`. */
export function cameraConstraints(options: CameraSourceOptions): MediaStreamConstraints {
  const ideal = <T,>(v: T | undefined) => (v === undefined ? undefined : { ideal: v });
  return {
    audio: false,
    video: {
      deviceId: options.deviceId ? { exact: options.deviceId } : undefined,
      facingMode: ideal(options.facingMode),
      width: ideal(options.width),
      height: ideal(options.height),
      frameRate: ideal(options.frameRate),
      ...options.videoConstraints,
    },
  };
}

/** True when `next` asks for another stream than `prev` (`videoConstraints` compared by value). */
export function streamOptionsChanged(prev: CameraSourceOptions, next: CameraSourceOptions): boolean {
  return STREAM_KEYS.some((k) =>
    k === 'videoConstraints' ? constraintsKey(prev[k]) !== constraintsKey(next[k]) : prev[k] !== next[k],
  );
}
