import type { HandKeypoint } from '../types';

/** The four long fingers, by the indices of their MCP, PIP, DIP and tip landmarks. */
export const LONG_FINGERS = {
  index: [5, 6, 7, 8],
  middle: [9, 10, 11, 12],
  ring: [13, 14, 15, 16],
  pinky: [17, 18, 19, 20],
} as const;

/** A long finger's name. */
export type LongFinger = keyof typeof LONG_FINGERS;

const WRIST = 0;
const THUMB = [1, 2, 3, 4] as const;
const MIDDLE_MCP = 9;
const PINKY_MCP = 17;

type Point = Pick<HandKeypoint, 'x' | 'y' | 'z'>;

/** `value` mapped linearly from [from, to] to [0, 1] and clamped (`from > to` decreases). */
export function ramp(value: number, from: number, to: number): number {
  const t = (value - from) / (to - from);
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}

function sub(a: Point, b: Point): [number, number, number] {
  return [a.x - b.x, a.y - b.y, (a.z || 0) - (b.z || 0)];
}

function length(v: readonly number[]): number {
  return Math.hypot(...v);
}

/** 3D distance between two landmarks (z is in the same pixel scale as x and y). */
export function distance(a: Point, b: Point): number {
  return length(sub(a, b));
}

/** The angle in degrees between two vectors (0 when they point the same way). */
function angleBetween(u: readonly number[], v: readonly number[]): number {
  const lu = length(u);
  const lv = length(v);
  if (lu === 0 || lv === 0) return 0;
  const cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (lu * lv);
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
}

/**
 * How much a chain of landmarks bends, in degrees: the sum of the turns at each inner joint. A
 * straight finger is near 0; a finger folded into the palm turns 150° to 250°.
 */
export function totalBend(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 1; i + 1 < points.length; i++) sum += angleBetween(sub(points[i], points[i - 1]), sub(points[i + 1], points[i]));
  return sum;
}

/**
 * What the rules know of one hand: per finger how extended and how curled it is (0..1 each, from
 * its joints' bend, so they do not depend on the hand's size or where it is), how far the thumb
 * stands out, and the thumb-index pinch. All lengths are divided by the palm (wrist to the middle
 * finger's knuckle).
 */
export interface HandShape {
  keypoints: readonly HandKeypoint[];
  /** Wrist to middle knuckle, pixels: the unit every distance is measured in. */
  palm: number;
  extended: Record<LongFinger, number>;
  curled: Record<LongFinger, number>;
  /**
   * 1 when the four fingertips are tucked in, no farther from the wrist than their knuckles (a
   * fist), 0 when they stand out past them (a claw or a "C").
   */
  tucked: number;
  /** 1 when the thumb is straight and stands away from the palm (thumbs up, open palm). */
  thumbOut: number;
  /** Thumb tip to index tip, in palms. */
  pinchGap: number;
  /**
   * 1 when the thumb meets the index finger tip to tip, 0 when it rests against the side of the
   * finger (a fist's thumb lies along the index's middle bones, as close but not a pinch).
   */
  tipToTip: number;
}

// Bend thresholds, read off the ASL fixture. Extended: the whole finger (knuckle, middle and end
// joints) turns 5..40° when straight. Curled: the middle and end joints alone turn 120..160° in a
// fist, an "E" or an "O", and about 65..85° for the half-folded little finger of a "D"; the
// knuckle is left out so that a straight finger held out sideways from the knuckle (the middle
// finger of a "K") is not taken for a folded one.
const EXTENDED_BEND = [90, 40] as const;
const CURLED_BEND = [30, 90] as const;

/** Measure the shape of a hand from its 21 landmarks (`null` when there are not 21). */
export function measureHand(keypoints: readonly HandKeypoint[]): HandShape | null {
  if (keypoints.length !== 21) return null;
  const k = keypoints;
  const palm = distance(k[WRIST], k[MIDDLE_MCP]);
  if (!(palm > 0)) return null;
  const extended = {} as Record<LongFinger, number>;
  const curled = {} as Record<LongFinger, number>;
  let reach = 0;
  for (const name of Object.keys(LONG_FINGERS) as LongFinger[]) {
    const [mcp, , , tip] = LONG_FINGERS[name];
    reach += distance(k[tip], k[WRIST]) / (distance(k[mcp], k[WRIST]) || 1) / 4;
    const chain = [k[WRIST], ...LONG_FINGERS[name].map((i) => k[i])];
    extended[name] = ramp(totalBend(chain), EXTENDED_BEND[0], EXTENDED_BEND[1]);
    curled[name] = ramp(totalBend(chain.slice(1)), CURLED_BEND[0], CURLED_BEND[1]);
  }
  // Tips over knuckles from the wrist: 0.8..1.0 in a fist, about 1.1 in an "O", 1.3 in a claw.
  const tucked = ramp(reach, 1.2, 1.05);
  // The thumb: straight at its MCP and IP joints (its CMC bend is how it is held, not a fold),
  // and its tip well away from the little finger's knuckle (1.3..1.5 palms for a thumb held out,
  // 0.4..0.85 for one folded across or along the fist).
  const thumbBend = totalBend(THUMB.map((i) => k[i]));
  const thumbReach = distance(k[THUMB[3]], k[PINKY_MCP]) / palm;
  const thumbOut = Math.min(ramp(thumbBend, 70, 45), ramp(thumbReach, 0.85, 1.15));
  const tip = k[THUMB[3]];
  const pinchGap = distance(tip, k[8]) / palm;
  const toDip = distance(tip, k[7]) / palm;
  const tipToTip = ramp(toDip - pinchGap, 0, 0.06);
  return { keypoints, palm, extended, curled, tucked, thumbOut, pinchGap, tipToTip };
}

/** The 2D unit direction from one landmark to another in image axes (y down); [0, 0] if they coincide. */
export function direction(from: Point, to: Point): [number, number] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const l = Math.hypot(dx, dy);
  return l === 0 ? [0, 0] : [dx / l, dy / l];
}
