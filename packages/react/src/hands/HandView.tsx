import type { ReactNode } from 'react';
import { useWebcam } from '../webcam/useWebcam';
import type { TrackingViewProps } from '../shared/viewProps';
import { WebcamView } from '../webcam/Webcam';
import { PerformanceDisplay } from '../runtime/PerformanceDisplay';
import { HandOverlay, gestureLabel, type HandOverlayProps } from './HandOverlay';
import { useHands, type UseHandsOptions, type UseHandsResult } from './useHands';
import { VIEW_STATUS_STYLE } from '../shared/viewStatusStyle';

export interface HandViewProps extends TrackingViewProps, Omit<UseHandsOptions, 'source' | 'select'> {
  /** Overlay settings (labels, colours, sizes). @default {} */
  overlay?: Omit<HandOverlayProps, 'hands' | 'frameSize' | 'mirrored' | 'objectFit'>;
  /** Show the status line (loading progress, errors, hands and gestures). @default true */
  showStatus?: boolean;
  /** Accessible name of the view. @default 'Hand tracking' */
  label?: string;
  /** More overlays, drawn above the hands; a function gets the hands state. */
  children?: ReactNode | ((hands: UseHandsResult) => ReactNode);
}

/** What the status line says for a hands state. */
export function handsStatusText(state: Pick<UseHandsResult, 'status' | 'error' | 'progress' | 'hands'>, enabled = true): string {
  if (!enabled) return 'Hand tracking is off';
  switch (state.status) {
    case 'idle':
      return 'Starting hand tracking…';
    case 'loading': {
      const { loaded, total } = state.progress;
      return total > 0 ? `Loading the hand models… ${Math.round((loaded / total) * 100)}%` : 'Loading the hand models…';
    }
    case 'recovering':
      return 'The graphics device was reset; reloading the hand models…';
    case 'error':
      return `Hand tracking failed: ${state.error?.message ?? 'unknown error'}`;
    default: {
      if (state.hands.length === 0) return 'No hand in view';
      return state.hands
        .map((h) => `${h.handedness === 'left' ? 'Left' : 'Right'} hand${h.gestures[0] ? `: ${gestureLabel(h.gestures[0].name)}` : ''}`)
        .join(', ');
    }
  }
}

/**
 * Hand tracking in one component: the camera (or a video URL), the hands over it, and the status.
 * Every `useHands` option is a prop.
 *
 * ```tsx
 * <HandView maxHands={1} objectFit="cover" style={{ width: 640, height: 480 }} onResult={steer} />
 * ```
 */
export function HandView({
  src,
  camera,
  mirrored,
  objectFit = 'contain',
  overlay,
  showStatus = true,
  showPerformance = false,
  label = 'Hand tracking',
  children,
  className,
  style,
  ...handsOptions
}: HandViewProps) {
  const webcam = useWebcam({ ...camera, src, mirrored: mirrored ?? src === undefined });
  const hands = useHands({ ...handsOptions, source: webcam.video });
  return (
    <div data-webcam-ml="hand-view" data-hands-status={hands.status} className={className} style={{ position: 'relative', ...style }}>
      <WebcamView webcam={webcam} objectFit={objectFit} label={label} style={{ width: '100%', height: '100%' }}>
        <HandOverlay {...overlay} hands={hands.hands} frameSize={hands.frameSize} />
        {typeof children === 'function' ? children(hands) : children}
        {showStatus && (
          <p role={hands.status === 'error' ? 'alert' : 'status'} aria-live="polite" style={VIEW_STATUS_STYLE}>
            {handsStatusText(hands, handsOptions.enabled ?? true)}
          </p>
        )}
      </WebcamView>
      {showPerformance && <PerformanceDisplay stats={hands} style={{ marginTop: 4 }} />}
    </div>
  );
}
