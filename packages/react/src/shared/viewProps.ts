import type { CSSProperties } from 'react';
import type { ObjectFit } from '@webcam-ml/core';
import type { UseWebcamOptions } from '../webcam/useWebcam';

/** The props every drop-in view (`PoseView`, `HandView`) has: where the picture comes from and how it is shown. */
export interface TrackingViewProps {
  /**
   * A video URL to track instead of the camera (played looped and muted).
   * @default undefined (the camera)
   */
  src?: string;
  /**
   * Camera options (`deviceId`, `facingMode`, `width`...), when tracking the camera.
   * @default {}
   */
  camera?: Omit<UseWebcamOptions, 'src' | 'mirrored'>;
  /**
   * Show the picture flipped like a mirror; the overlay follows (labels keep the person's left and right).
   * @default true for the camera, false for `src`
   */
  mirrored?: boolean;
  /** How the picture fills the box: `cover` crops, `contain` letterboxes. @default 'contain' */
  objectFit?: ObjectFit;
  /** Show fps, latency, backend and dropped frames. @default false */
  showPerformance?: boolean;
  className?: string;
  style?: CSSProperties;
}
