import { useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { createCoordinateMapper, type CameraErrorCode, type ObjectFit } from '@webcam-ml/core';
import { useElementSize } from '../shared/useElementSize';
import { useWebcam, type UseWebcamOptions, type UseWebcamResult } from './useWebcam';
import { WebcamContext, type WebcamContextValue } from './WebcamContext';

export interface WebcamViewProps {
  /** The camera to show (`useWebcam()`), when you also feed it to a model. */
  webcam: UseWebcamResult;
  /** How the picture fills the box: `cover` crops, `contain` letterboxes. @default 'contain' */
  objectFit?: ObjectFit;
  /** Accessible name of the camera view. @default 'Camera' */
  label?: string;
  /** Show a camera picker when there is more than one camera. @default true */
  showPicker?: boolean;
  /**
   * Overlays drawn over the video (the layer ignores the pointer; set `pointer-events: auto` on
   * what should be clickable). A function gets the camera and the coordinate mapper.
   */
  children?: ReactNode | ((context: WebcamContextValue) => ReactNode);
  className?: string;
  style?: CSSProperties;
}

export interface WebcamProps extends UseWebcamOptions, Omit<WebcamViewProps, 'webcam'> {}

/** Title and advice per error, in a person's words. */
const ERRORS: Record<CameraErrorCode, [string, string]> = {
  'permission-denied': [
    'Camera access is blocked',
    'To allow it, click the camera or lock icon in the address bar (or open site settings), set Camera to Allow, then try again.',
  ],
  'not-found': ['No camera found', 'Connect a camera, then try again.'],
  'in-use': ['The camera is in use', 'Another app or tab is using it. Close that, then try again.'],
  overconstrained: ["The camera can't provide these settings", 'Choose another camera, then try again.'],
  'insecure-context': ['The camera needs a secure page', 'Open this page over https or on localhost.'],
  unsupported: ["This browser can't use a camera", 'Try a recent Chrome, Edge, Firefox or Safari.'],
  aborted: ['The camera request was interrupted', 'Try again.'],
  ended: ['The camera was disconnected', 'Reconnect it, then try again.'],
  unknown: ["The camera couldn't start", ''],
};

const FILL: CSSProperties = { position: 'absolute', inset: 0 };
const PANEL: CSSProperties = {
  ...FILL,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: 8,
  padding: 16,
  textAlign: 'center',
  color: '#fff',
  background: 'rgba(17,17,17,.85)',
  font: '14px/1.4 system-ui, sans-serif',
};
const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/** Waits before showing "waiting for the camera", so a fast start does not flash it. */
function useDelayed(on: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!on) return setShown(false);
    const t = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(t);
  }, [on, ms]);
  return shown;
}

/** Shows a `useWebcam()` camera: the video, every state a person meets, a picker and overlays. */
export function WebcamView({
  webcam,
  objectFit = 'contain',
  label = 'Camera',
  showPicker = true,
  children,
  className,
  style,
}: WebcamViewProps) {
  const { status, error, devices, deviceId, videoWidth, videoHeight, mirrored } = webcam;
  const [layer, { width, height }] = useElementSize<HTMLDivElement>();
  const context = useMemo<WebcamContextValue>(
    () => ({
      webcam,
      objectFit,
      mirrored,
      width,
      height,
      mapper: createCoordinateMapper({
        sourceWidth: videoWidth,
        sourceHeight: videoHeight,
        displayWidth: width,
        displayHeight: height,
        objectFit,
        mirrored,
      }),
    }),
    [webcam, objectFit, mirrored, width, height, videoWidth, videoHeight],
  );
  const waiting = useDelayed(status === 'requesting', 300);

  let title = '';
  let hint = '';
  let action: [string, () => void] | null = null;
  if (status === 'error' && error) {
    [title, hint] = ERRORS[error.code];
    if (error.code === 'unknown') hint = error.message;
    if (error.code !== 'insecure-context' && error.code !== 'unsupported') action = ['Try again', webcam.start];
  } else if (status === 'requesting') {
    title = 'Waiting for the camera…';
    hint = 'If your browser asks, allow access to the camera.';
  } else if (status === 'idle' || status === 'stopped') {
    title = 'Camera is off';
    action = ['Start camera', webcam.start];
  } else {
    title = status === 'paused' ? 'Camera is paused' : 'Camera is on';
  }
  const showPanel = status === 'error' || status === 'idle' || status === 'stopped' || (waiting && status === 'requesting');

  return (
    <div
      role="group"
      aria-label={label}
      data-status={status}
      className={className}
      style={{ position: 'relative', overflow: 'hidden', background: '#111', ...style }}
    >
      <video
        {...webcam.videoProps}
        aria-hidden
        style={{ display: 'block', width: '100%', height: '100%', objectFit, ...webcam.videoProps.style }}
      />
      <div ref={layer} style={{ ...FILL, pointerEvents: 'none' }}>
        <WebcamContext.Provider value={context}>
          {typeof children === 'function' ? children(context) : children}
        </WebcamContext.Provider>
      </div>
      <div role={status === 'error' ? 'alert' : 'status'} aria-live="polite" style={showPanel ? PANEL : HIDDEN}>
        <strong>{title}</strong>
        {hint && <span>{hint}</span>}
        {action && (
          <button type="button" onClick={() => void action[1]()}>
            {action[0]}
          </button>
        )}
      </div>
      {showPicker && devices.length > 1 && (
        <select
          aria-label="Choose camera"
          value={deviceId ?? ''}
          onChange={(e) => void webcam.switchCamera(e.target.value)}
          style={{ position: 'absolute', top: 8, right: 8 }}
        >
          {devices.map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `Camera ${i + 1}`}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/**
 * A camera view with every state handled: asking for permission, blocked (with how to allow it
 * and a retry), no camera, camera in use. Children are overlays; they find the camera and the
 * coordinate mapper with `useWebcamContext()`.
 *
 * ```tsx
 * <Webcam mirrored objectFit="cover" style={{ width: 640, height: 480 }}>
 *   <MyOverlay />
 * </Webcam>
 * ```
 */
export function Webcam({ objectFit, label, showPicker, children, className, style, ...options }: WebcamProps) {
  const webcam = useWebcam(options);
  return (
    <WebcamView
      webcam={webcam}
      objectFit={objectFit}
      label={label}
      showPicker={showPicker}
      className={className}
      style={style}
    >
      {children}
    </WebcamView>
  );
}
