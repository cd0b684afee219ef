import { useMemo, type CSSProperties } from 'react';
import type { ObjectFit } from '@webcam-ml/core';
import type { FaceInfo } from '@webcam-ml/core/face';
import { useOverlayMapper } from '../shared/useOverlayMapper';
import { labelRowStyle, labelSpacerStyle, placeLabel } from '../shared/labelPlacement';
import { plural } from '../shared/plural';
import { ExpressionIcon } from './ExpressionIcon';
import { faceLabel } from './faceText';

export interface FaceInfoOverlayProps {
  /** The faces to draw (`useFaceInfo().faces`), in source pixels of the unmirrored frame. */
  faces: readonly FaceInfo[];
  /** Size of the frame the faces come from (`useFaceInfo().frameSize`); nothing is drawn while null. */
  frameSize: { width: number; height: number } | null;
  /**
   * The element under the overlay is shown mirrored (as `<Webcam mirrored>` does). Boxes and
   * landmarks are flipped to match; label text stays readable.
   * @default the enclosing `<Webcam>`'s, else false
   */
  mirrored?: boolean;
  /**
   * The `object-fit` of the element under the overlay (letterboxing and cropping are followed).
   * @default the enclosing `<Webcam>`'s, else 'contain'
   */
  objectFit?: ObjectFit;
  /** Draw a box around each face. @default true */
  showBoxes?: boolean;
  /** Draw the 68 landmarks (when the engine computed them). @default true */
  showLandmarks?: boolean;
  /** Write a label over each face. @default true */
  showLabels?: boolean;
  /**
   * The label text of a face, for example to add a `FaceMatcher` name.
   * @default `faceLabel`: expression, "about <age>", gender
   */
  label?: (face: FaceInfo) => string;
  /** Draw the dominant expression's icon before each label. @default true */
  showIcons?: boolean;
  /** Box colour (`--webcam-ml-face-box`). @default '#22d3ee' */
  boxColor?: string;
  /** Landmark colour (`--webcam-ml-face-landmark`). @default '#f8fafc' */
  landmarkColor?: string;
  className?: string;
  style?: CSSProperties;
}

/** An SVG path drawing a dot of radius `r` at each point. */
function dotsPath(points: readonly { x: number; y: number }[], r: number): string {
  return points.map((p) => `M${(p.x - r).toFixed(1)} ${p.y.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`).join('');
}

const fill: CSSProperties = { position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none', overflow: 'hidden' };

// Labels sit over video whatever the page theme: the overlay tokens, with fallbacks so the
// overlay needs no stylesheet.
const labelStyle: CSSProperties = {
  display: 'flex',
  flex: 'none',
  maxWidth: '100%',
  alignItems: 'center',
  gap: 4,
  boxSizing: 'border-box',
  height: 22,
  padding: '2px 6px',
  borderRadius: 4,
  background: 'var(--webcam-ml-overlay-bg, rgba(15, 23, 42, 0.82))',
  color: 'var(--webcam-ml-overlay-fg, #f8fafc)',
  font: '600 13px/1.3 var(--webcam-ml-font, system-ui, sans-serif)',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

/**
 * Boxes, landmarks and labels over the element that shows the frame. As a child of `<Webcam>` it
 * follows the camera's mirroring and `objectFit`; elsewhere, place it in a `position: relative`
 * container right over the video or image and pass the same `mirrored` and `objectFit`.
 *
 * ```tsx
 * const cam = useWebcam({ mirrored: true });
 * const { faces, frameSize } = useFaceInfo({ source: cam.video });
 * <WebcamView webcam={cam} objectFit="cover"><FaceInfoOverlay faces={faces} frameSize={frameSize} /></WebcamView>
 * ```
 */
export function FaceInfoOverlay({
  faces,
  frameSize,
  mirrored,
  objectFit,
  showBoxes = true,
  showLandmarks = true,
  showLabels = true,
  label = faceLabel,
  showIcons = true,
  boxColor,
  landmarkColor,
  className,
  style,
}: FaceInfoOverlayProps) {
  const { ref, display, mapper } = useOverlayMapper({ frameSize, mirrored, objectFit });
  const drawn = useMemo(
    () =>
      mapper.ready
        ? faces.map((face) => ({
            face,
            box: mapper.boxToDisplay(face.box),
            landmarks: face.landmarks ? face.landmarks.map((p) => mapper.toDisplay(p)) : [],
          }))
        : [],
    [faces, mapper],
  );
  const themed = {
    ...fill,
    ...(boxColor && { '--webcam-ml-face-box': boxColor }),
    ...(landmarkColor && { '--webcam-ml-face-landmark': landmarkColor }),
    ...style,
  } as CSSProperties;
  const summary = `Face overlay: ${plural(drawn.length, 'face')}`;

  return (
    <div ref={ref} className={className} style={themed} data-webcam-ml="face-overlay" data-faces={drawn.length}>
      <svg
        width={display.width}
        height={display.height}
        viewBox={`0 0 ${display.width || 1} ${display.height || 1}`}
        role="img"
        aria-label={summary}
        style={{ display: 'block', overflow: 'hidden' }}
      >
        {drawn.map(({ face, box, landmarks }) => (
          <g key={face.id} data-face={face.id}>
            {showBoxes && (
              <rect
                x={box.x}
                y={box.y}
                width={box.width}
                height={box.height}
                fill="none"
                stroke="var(--webcam-ml-face-box, #22d3ee)"
                strokeWidth={2}
                rx={4}
              />
            )}
            {showLandmarks && landmarks.length > 0 && (
              // One path of 68 dots: far cheaper to render each frame than 68 elements.
              <path d={dotsPath(landmarks, 1.6)} fill="var(--webcam-ml-face-landmark, #f8fafc)" data-landmarks={landmarks.length} />
            )}
          </g>
        ))}
      </svg>
      {showLabels &&
        drawn.map(({ face, box }) => {
          // Labels are HTML (not SVG text) so they stay crisp and are never mirrored; placed to stay
          // inside the frame (moved left to fit; cut with an ellipsis only when wider than it).
          const { top, indent } = placeLabel(box, display);
          return (
            <div key={face.id} style={labelRowStyle(top)}>
              <span style={labelSpacerStyle(indent)} />
              <div data-face-label={face.id} style={labelStyle}>
                {showIcons && face.dominantExpression && <ExpressionIcon expression={face.dominantExpression} size={16} />}
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{label(face)}</span>
              </div>
            </div>
          );
        })}
    </div>
  );
}
