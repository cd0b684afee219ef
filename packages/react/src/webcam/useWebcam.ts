import { useEffect, useMemo, useState, useSyncExternalStore, type CSSProperties } from 'react';
import { CameraSource, constraintsKey, type CameraSourceOptions, type CameraState } from '@webcam-ml/core';

export interface UseWebcamOptions extends Omit<CameraSourceOptions, 'pool'> {
  /**
   * Show the picture flipped left-right, like a mirror (usual for a front camera). Display only:
   * models, `capture()` and `video` always see the unmirrored frame.
   * @default false
   */
  mirrored?: boolean;
}

/** Props to spread on the `<video>` you render: `<video {...cam.videoProps} />`. */
export interface WebcamVideoProps {
  ref: (video: HTMLVideoElement | null) => void;
  muted: true;
  playsInline: true;
  style: CSSProperties | undefined;
}

export interface UseWebcamResult extends CameraState {
  /** Spread on a `<video>` to show the camera in it. */
  videoProps: WebcamVideoProps;
  /** Whether the display is mirrored (the option, echoed for overlays). */
  mirrored: boolean;
  /** The engine, for code outside React (a Vue binding would use the same one). */
  camera: CameraSource;
  /** Ask for the camera (again after an error or `stop()`); resolves once live. */
  start: CameraSource['start'];
  /** Release the camera; every track stops within 100 ms unless another widget still uses it. */
  stop: CameraSource['stop'];
  /** Hold the picture (frames stop reaching models); the stream is kept for a quick `resume()`. */
  pause: CameraSource['pause'];
  /** Undo `pause()`. */
  resume: CameraSource['resume'];
  /** Use another camera: a `deviceId` from `devices`, a facing mode (`'user'`/`'environment'`), or the next one. */
  switchCamera: CameraSource['switchCamera'];
  /** The current frame as an `ImageBitmap`, or a `Blob` with `{ type: 'blob' }`. */
  capture: CameraSource['capture'];
}

const MIRRORED: CSSProperties = { transform: 'scaleX(-1)' };

/**
 * The camera (or a stand-in source) as React state. Two widgets on a page, or StrictMode's double
 * mount, share one `getUserMedia` stream.
 *
 * ```tsx
 * const cam = useWebcam({ facingMode: 'user', mirrored: true });
 * const pose = usePose({ source: cam.video });
 * return <video {...cam.videoProps} />;
 * ```
 */
export function useWebcam(options: UseWebcamOptions = {}): UseWebcamResult {
  const { mirrored = false, ...cameraOptions } = options;
  const [camera] = useState(() => new CameraSource(options));
  const state = useSyncExternalStore(camera.subscribe, camera.getSnapshot, camera.getSnapshot);

  useEffect(() => {
    camera.setOptions(cameraOptions);
    // Each option is compared on its own, and videoConstraints by value, so an inline options
    // object (or an inline videoConstraints) does not restart the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    camera,
    cameraOptions.deviceId,
    cameraOptions.facingMode,
    cameraOptions.width,
    cameraOptions.height,
    cameraOptions.frameRate,
    // A pure string key of the constraints object (compared by value), so a valid dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    constraintsKey(cameraOptions.videoConstraints),
    cameraOptions.autoStart,
    cameraOptions.pauseWhenHidden,
    cameraOptions.src,
  ]);
  useEffect(() => camera.mount(), [camera]);

  const videoProps = useMemo<WebcamVideoProps>(
    () => ({ ref: camera.attach, muted: true, playsInline: true, style: mirrored ? MIRRORED : undefined }),
    [camera, mirrored],
  );
  return useMemo(
    () => ({
      ...state,
      videoProps,
      mirrored,
      camera,
      start: camera.start,
      stop: camera.stop,
      pause: camera.pause,
      resume: camera.resume,
      switchCamera: camera.switchCamera,
      capture: camera.capture,
    }),
    [state, videoProps, mirrored, camera],
  );
}
