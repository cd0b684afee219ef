// Small inline SVG hands for the built-in gestures (a legend and badges; no emoji, no image files).
import type { HandGestureName } from '@webcam-ml/core/hands';

type Finger = 'up' | 'down' | 'pinch' | 'spread-left' | 'spread-right';

interface Shape {
  /** Index, middle, ring, little finger. */
  fingers: [Finger, Finger, Finger, Finger];
  thumb: 'out' | 'up' | 'in' | 'pinch';
  /** Degrees the whole hand is turned (0: fingers up). */
  turn: number;
}

const SHAPES: Record<HandGestureName, Shape> = {
  open_palm: { fingers: ['up', 'up', 'up', 'up'], thumb: 'out', turn: 0 },
  closed_fist: { fingers: ['down', 'down', 'down', 'down'], thumb: 'in', turn: 0 },
  pointing_up: { fingers: ['up', 'down', 'down', 'down'], thumb: 'in', turn: 0 },
  pointing_down: { fingers: ['up', 'down', 'down', 'down'], thumb: 'in', turn: 180 },
  // On a mirrored (selfie) screen the person's left is the screen's left.
  pointing_left: { fingers: ['up', 'down', 'down', 'down'], thumb: 'in', turn: -90 },
  pointing_right: { fingers: ['up', 'down', 'down', 'down'], thumb: 'in', turn: 90 },
  thumbs_up: { fingers: ['down', 'down', 'down', 'down'], thumb: 'up', turn: 0 },
  thumbs_down: { fingers: ['down', 'down', 'down', 'down'], thumb: 'up', turn: 180 },
  victory: { fingers: ['spread-left', 'spread-right', 'down', 'down'], thumb: 'in', turn: 0 },
  ok: { fingers: ['pinch', 'up', 'up', 'up'], thumb: 'pinch', turn: 0 },
  pinch: { fingers: ['pinch', 'down', 'down', 'down'], thumb: 'pinch', turn: 0 },
};

/** Every built-in gesture, in legend order. */
export const GESTURE_NAMES: readonly HandGestureName[] = [
  'open_palm',
  'closed_fist',
  'pointing_up',
  'pointing_down',
  'pointing_left',
  'pointing_right',
  'thumbs_up',
  'thumbs_down',
  'victory',
  'ok',
  'pinch',
];

/** Human names for the gestures, for legends and screen readers. */
export const GESTURE_LABELS: Record<HandGestureName, string> = {
  open_palm: 'Open palm',
  closed_fist: 'Closed fist',
  pointing_up: 'Pointing up',
  pointing_down: 'Pointing down',
  pointing_left: 'Pointing left',
  pointing_right: 'Pointing right',
  thumbs_up: 'Thumbs up',
  thumbs_down: 'Thumbs down',
  victory: 'Victory',
  ok: 'OK',
  pinch: 'Pinch',
};

// Finger columns (x of each finger's centre) over a palm from x 15 to 33, y 24 to 42.
const FINGER_X = [17.5, 22, 26.5, 31];
const FINGER_LEN = [15, 17, 15, 12];

/** A 48×48 (by default) drawing of a gesture, labelled for screen readers unless `decorative`. */
export function GestureIcon({ name, size = 48, decorative = false }: { name: HandGestureName; size?: number; decorative?: boolean }) {
  const shape = SHAPES[name];
  const skin = 'var(--gesture-icon-fill, #fcd9b6)';
  const line = 'var(--gesture-icon-stroke, #7c4a1e)';
  const common = { fill: skin, stroke: line, strokeWidth: 1.5, strokeLinejoin: 'round' as const };
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 48 48"
      role={decorative ? undefined : 'img'}
      aria-hidden={decorative || undefined}
      aria-label={decorative ? undefined : GESTURE_LABELS[name]}
      data-gesture-icon={name}
    >
      <g transform={`rotate(${shape.turn} 24 28)`}>
        {shape.fingers.map((f, i) => {
          const x = FINGER_X[i] - 2.25;
          const up = <rect x={x} y={24 - FINGER_LEN[i]} width={4.5} height={FINGER_LEN[i] + 4} rx={2.25} {...common} />;
          if (f === 'up') return <g key={i}>{up}</g>;
          if (f === 'spread-left' || f === 'spread-right') {
            return <g key={i} transform={`rotate(${f === 'spread-left' ? -14 : 14} ${FINGER_X[i]} 26)`}>{up}</g>;
          }
          // The index bent over to meet the thumb's tip.
          if (f === 'pinch') return <rect key={i} x={15.25} y={14} width={4.5} height={16} rx={2.25} transform="rotate(-45 17.5 26)" {...common} />;
          return <rect key={i} x={x} y={21} width={4.5} height={7} rx={2.25} {...common} />;
        })}
        <rect x={14.5} y={24} width={19} height={19} rx={5} {...common} />
        {shape.thumb === 'out' && <rect x={10} y={22} width={4.5} height={14} rx={2.25} transform="rotate(-35 12 34)" {...common} />}
        {shape.thumb === 'up' && <rect x={10} y={9} width={5} height={22} rx={2.5} {...common} />}
        {shape.thumb === 'in' && <rect x={13} y={30} width={13} height={4.5} rx={2.25} {...common} />}
        {shape.thumb === 'pinch' && (
          <>
            <rect x={11.25} y={17} width={4.5} height={19} rx={2.25} transform="rotate(-13.7 13.5 36)" {...common} />
            <circle cx={9.3} cy={18} r={1.4} fill={line} />
          </>
        )}
      </g>
    </svg>
  );
}
