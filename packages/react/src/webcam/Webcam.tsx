import { useMemo, type CSSProperties, type ReactNode } from 'react';
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
    'Allow the camera from the icon in the address bar, then try again.',
  ],
  'not-found': ['No camera found', 'Connect a camera, then try again.'],
  'in-use': ['The camera is in use', 'Close the app using it, then try again.'],
  overconstrained: ["The camera can't provide these settings", 'Choose another camera.'],
  'insecure-context': ['The camera needs a secure page', 'Open this page over https.'],
  unsupported: ["This browser can't use a camera", ''],
  aborted: ['The camera request was interrupted', ''],
  ended: ['The camera was disconnected', 'Reconnect it, then try again.'],
  unknown: ["The camera couldn't start", ''],
};

const FILL: CSSProperties = { position: 'absolute', inset: 0 };
const PANEL: CSSProperties = {
  ...FILL,
  display: 'grid',
  placeContent: 'center',
  gap: 8,
  padding: 16,
  textAlign: 'center',
  color: '#fff',
  background: '#111d',
  font: '14px system-ui',
};
// Hidden from sight, still read by screen readers (the live region keeps its text).
const HIDDEN: CSSProperties = { ...PANEL, opacity: 0, pointerEvents: 'none' };
// "Waiting for the camera" appears only after 300 ms, so a fast start does not flash it.
const WAITING: CSSProperties = { ...PANEL, transition: 'opacity 0s .3s' };

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

  // Before mount (first paint, server HTML) an autoStart camera is about to ask: show it as waiting.
  const waiting =
    status === 'requesting' || (status === 'idle' && webcam.camera.getOptions().autoStart !== false);
  let title: string;
  let hint = '';
  let action: [string, () => void] | null = null;
  if (status === 'error' && error) {
    [title, hint] = ERRORS[error.code];
    if (error.code === 'unknown') hint = error.message;
    if (error.code !== 'insecure-context' && error.code !== 'unsupported') action = ['Try again', webcam.start];
  } else if (waiting) {
    title = 'Waiting for the camera…';
    hint = 'If your browser asks, allow access to the camera.';
  } else if (status === 'idle' || status === 'stopped') {
    title = 'Camera is off';
    action = ['Start camera', webcam.start];
  } else {
    title = status === 'paused' ? 'Camera is paused' : 'Camera is on';
  }

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
      <div role={status === 'error' ? 'alert' : 'status'} aria-live="polite" style={status === 'live' || status === 'paused' ? HIDDEN : waiting ? WAITING : PANEL}
      >
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
            <option key={i} value={d.deviceId}>
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
export function Webcam(props: WebcamProps) {
  const { objectFit, label, showPicker, children, className, style, ...options } = props;
  return <WebcamView {...props} webcam={useWebcam(options)} />;
}
