import type { ReactNode } from 'react';
import { useWebcam } from '../webcam/useWebcam';
import type { TrackingViewProps } from '../shared/viewProps';
import { WebcamView } from '../webcam/Webcam';
import { PerformanceDisplay } from '../runtime/PerformanceDisplay';
import { PoseOverlay, type PoseOverlayProps } from './PoseOverlay';
import { usePose, type UsePoseOptions, type UsePoseResult } from './usePose';
import { plural } from '../shared/plural';
import { VIEW_STATUS_STYLE } from '../shared/viewStatusStyle';

export interface PoseViewProps extends TrackingViewProps, Omit<UsePoseOptions, 'source'> {
  /** Overlay settings (renderer, colours, keypoint threshold...). @default {} */
  overlay?: Omit<PoseOverlayProps, 'poses' | 'frameSize' | 'mirrored' | 'objectFit'>;
  /** Show the model status line (loading progress, errors, people count). @default true */
  showStatus?: boolean;
  /** Accessible name of the view. @default 'Pose tracking' */
  label?: string;
  /** More overlays, drawn above the skeleton; a function gets the pose state. */
  children?: ReactNode | ((pose: UsePoseResult) => ReactNode);
}

/** What the status line says for a pose state. */
export function poseStatusText(
  pose: Pick<UsePoseResult, 'status' | 'error' | 'progress' | 'poses'>,
  enabled = true,
): string {
  if (!enabled) return 'Pose tracking is off';
  switch (pose.status) {
    case 'idle':
      return 'Starting pose tracking…';
    case 'loading': {
      const { loaded, total } = pose.progress;
      return total > 0 ? `Loading the pose model… ${Math.round((loaded / total) * 100)}%` : 'Loading the pose model…';
    }
    case 'recovering':
      return 'The graphics device was reset; reloading the pose model…';
    case 'error':
      return `Pose tracking failed: ${pose.error?.message ?? 'unknown error'}`;
    default: {
      const n = pose.poses.length;
      return n === 0 ? 'No person in view' : `Tracking ${plural(n, 'person', 'people')}`;
    }
  }
}

/**
 * Pose tracking in one component: the camera (or a video URL), the skeleton over it, and the
 * model's status. Every `usePose` option is a prop.
 *
 * ```tsx
 * <PoseView mirrored objectFit="cover" style={{ width: 640, height: 480 }} onPoses={play} />
 * ```
 */
export function PoseView({
  src,
  camera,
  mirrored,
  objectFit = 'contain',
  overlay,
  showStatus = true,
  showPerformance = false,
  label = 'Pose tracking',
  children,
  className,
  style,
  ...poseOptions
}: PoseViewProps) {
  const webcam = useWebcam({ ...camera, src, mirrored: mirrored ?? src === undefined });
  const pose = usePose({ ...poseOptions, source: webcam.video });
  const text = poseStatusText(pose, poseOptions.enabled ?? true);
  return (
    <div
      data-webcam-ml="pose-view"
      data-pose-status={pose.status}
      className={className}
      // A column: the figures below take their room from the picture, inside the size given.
      style={{ position: 'relative', display: 'flex', flexDirection: 'column', gap: 4, ...style }}
    >
      <WebcamView webcam={webcam} objectFit={objectFit} label={label} style={{ width: '100%', flex: '1 1 auto', minHeight: 0 }}>
        <PoseOverlay {...overlay} poses={pose.poses} frameSize={pose.frameSize} />
        {typeof children === 'function' ? children(pose) : children}
        {showStatus && (
          <p
            role={pose.status === 'error' ? 'alert' : 'status'}
            aria-live="polite"
            style={VIEW_STATUS_STYLE}
          >
            {text}
          </p>
        )}
      </WebcamView>
      {showPerformance && <PerformanceDisplay stats={pose} />}
    </div>
  );
}
