import { useMemo, type CSSProperties } from 'react';
import type { CoordinateMapper, ObjectFit } from '@webcam-ml/core';
import { HAND_SKELETON, handPartOf, type Hand, type HandPart } from '@webcam-ml/core/hands';
import { useOverlayMapper } from '../shared/useOverlayMapper';

export interface HandOverlayProps {
  /** The hands to draw (`useHands().hands`), in source pixels of the unmirrored frame. */
  hands: readonly Hand[];
  /**
   * Size of the frame the hands come from (`useHands().frameSize`); nothing is drawn while unknown.
   * @default the enclosing `<Webcam>`'s video size, else null
   */
  frameSize?: { width: number; height: number } | null;
  /**
   * The element under the overlay is shown mirrored. Keypoints are flipped to match; the label
   * still names the person's own hand.
   * @default the enclosing `<Webcam>`'s `mirrored`, else false
   */
  mirrored?: boolean;
  /**
   * The `object-fit` of the element under the overlay (`contain` letterboxing and `cover` cropping
   * line up alike).
   * @default the enclosing `<Webcam>`'s `objectFit`, else 'contain'
   */
  objectFit?: ObjectFit;
  /** Write "Left" / "Right" (the person's hand) beside each wrist. @default true */
  showHandedness?: boolean;
  /** Show the best gesture (`hand.gestures[0]`) as a badge above each hand. @default true */
  showGesture?: boolean;
  /** Keypoint radius in CSS pixels. @default 4 */
  keypointRadius?: number;
  /** Bone width in CSS pixels. @default 3 */
  lineWidth?: number;
  /**
   * Colour per part of the hand; each is also the CSS variable `--webcam-ml-hand-<part>`.
   * @default thumb '#f59e0b', index '#22c55e', middle '#22d3ee', ring '#a855f7', pinky '#ec4899', palm '#f8fafc'
   */
  colors?: Partial<Record<HandPart, string>>;
  className?: string;
  style?: CSSProperties;
}

const DEFAULT_COLORS: Record<HandPart, string> = {
  thumb: '#f59e0b',
  index: '#22c55e',
  middle: '#22d3ee',
  ring: '#a855f7',
  pinky: '#ec4899',
  palm: '#f8fafc',
};

const color = (part: HandPart) => `var(--webcam-ml-hand-${part}, ${DEFAULT_COLORS[part]})`;

/** A gesture's name as a person reads it: `thumbs_up` → "thumbs up". */
export function gestureLabel(name: string): string {
  return name.replace(/_/g, ' ');
}

interface DrawnHand {
  hand: Hand;
  points: { x: number; y: number; part: HandPart; name: string }[];
  top: { x: number; y: number };
  wrist: { x: number; y: number };
}

function layout(hands: readonly Hand[], mapper: CoordinateMapper): DrawnHand[] {
  return hands.map((hand) => {
    const points = hand.keypoints.map((k) => ({ ...mapper.toDisplay(k), part: handPartOf(k.name), name: k.name }));
    const top = points.reduce((best, p) => (p.y < best.y ? p : best), points[0]);
    return { hand, points, top, wrist: points[0] };
  });
}

const fill: CSSProperties = { position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' };

/**
 * Draws hand skeletons over the element that shows the frame, a colour per finger, the person's
 * handedness and the recognised gesture. As a child of `<Webcam>` it takes the camera's mirroring,
 * object-fit and size from it; elsewhere, place it in a `position: relative` box right over the
 * video or image and pass `mirrored` and `objectFit`.
 *
 * ```tsx
 * <Webcam mirrored objectFit="cover"><HandOverlay hands={hands} /></Webcam>
 * ```
 */
export function HandOverlay({
  hands,
  frameSize,
  mirrored,
  objectFit,
  showHandedness = true,
  showGesture = true,
  keypointRadius = 4,
  lineWidth = 3,
  colors,
  className,
  style,
}: HandOverlayProps) {
  const { ref, display, mapper } = useOverlayMapper({ frameSize, mirrored, objectFit });
  const drawn = useMemo(() => (mapper.ready ? layout(hands, mapper) : []), [hands, mapper]);
  const themed = {
    ...fill,
    ...Object.fromEntries(Object.entries(colors ?? {}).map(([part, c]) => [`--webcam-ml-hand-${part}`, c])),
    ...style,
  } as CSSProperties;
  const label = `Hand overlay: ${drawn.length} ${drawn.length === 1 ? 'hand' : 'hands'}`;
  return (
    <div ref={ref} className={className} style={themed} data-webcam-ml="hand-overlay" data-hands={drawn.length}>
      <svg
        width={display.width}
        height={display.height}
        viewBox={`0 0 ${display.width || 1} ${display.height || 1}`}
        role="img"
        aria-label={label}
        style={{ display: 'block', overflow: 'hidden' }}
      >
        {drawn.map(({ hand, points, top, wrist }) => {
          const gesture = showGesture ? hand.gestures[0] : undefined;
          return (
            <g key={hand.id} data-hand={hand.id} data-handedness={hand.handedness}>
              {HAND_SKELETON.map(({ from, to, part }) => (
                <line
                  key={`${from}-${to}`}
                  x1={points[from].x}
                  y1={points[from].y}
                  x2={points[to].x}
                  y2={points[to].y}
                  stroke={color(part)}
                  strokeWidth={lineWidth}
                  strokeLinecap="round"
                />
              ))}
              {points.map((p) => (
                <circle key={p.name} data-keypoint={p.name} cx={p.x} cy={p.y} r={keypointRadius} fill={color(p.part)} stroke="rgba(0,0,0,0.6)" strokeWidth={1} />
              ))}
              {showHandedness && (
                <text x={wrist.x} y={wrist.y + 18} textAnchor="middle" fill="#fff" stroke="#000" strokeWidth={3} paintOrder="stroke" style={{ font: '600 13px system-ui' }}>
                  {hand.handedness === 'left' ? 'Left' : 'Right'}
                </text>
              )}
              {gesture && (
                <text data-gesture={gesture.name} x={top.x} y={Math.max(14, top.y - 12)} textAnchor="middle" fill="#fde047" stroke="#000" strokeWidth={3} paintOrder="stroke" style={{ font: '700 14px system-ui' }}>
                  {gestureLabel(gesture.name)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
