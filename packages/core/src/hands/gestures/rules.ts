import type { HandGestureName } from '../types';
import { direction, distance, ramp, type HandShape, type LongFinger } from './fingers';

/** A rule's verdict: how well the hand fits the gesture (0..1), and the pinch strength for `pinch`. */
export interface RuleScore {
  score: number;
  strength?: number;
}

/** One built-in gesture: its name and the rule that scores a hand for it. */
export interface GestureRule {
  name: HandGestureName;
  score: (hand: HandShape) => RuleScore;
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
/**
 * How folded a set of fingers is, 0..1: half the least folded one, half their mean, so one
 * half-folded finger lowers the score without vetoing it.
 */
function folded(hand: HandShape, fingers: LongFinger[]): number {
  const values = fingers.map((f) => hand.curled[f]);
  return 0.5 * Math.min(...values) + 0.5 * mean(values);
}

/**
 * How well a 2D unit direction (image axes, y down) matches an axis: 1 within about 25° of it,
 * 0 beyond 60°.
 */
function along(dir: readonly [number, number], axis: readonly [number, number]): number {
  return ramp(dir[0] * axis[0] + dir[1] * axis[1], 0.5, 0.9);
}

// Directions in the unmirrored source frame, from the person's point of view. The camera faces the
// person, so the person's right is the image's left (-x): a finger pointing to the person's right
// points to the screen's right once the view is mirrored like a selfie.
const UP = [0, -1] as const;
const DOWN = [0, 1] as const;
const PERSON_RIGHT = [-1, 0] as const;
const PERSON_LEFT = [1, 0] as const;

/** Index extended, the other three folded (the thumb may do anything), index along `axis`. */
function pointing(name: HandGestureName, axis: readonly [number, number]): GestureRule {
  return {
    name,
    score: (hand) => {
      const k = hand.keypoints;
      const shape = Math.min(hand.extended.index, folded(hand, ['middle', 'ring', 'pinky']));
      return { score: shape * along(direction(k[5], k[8]), axis) };
    },
  };
}

/** Four fingers folded, thumb held out along `axis` (thumb knuckle to thumb tip). */
function thumb(name: HandGestureName, axis: readonly [number, number]): GestureRule {
  return {
    name,
    score: (hand) => {
      const k = hand.keypoints;
      const fist = Math.min(folded(hand, ['index', 'middle', 'ring', 'pinky']), hand.tucked);
      return { score: Math.min(fist, hand.thumbOut) * along(direction(k[2], k[4]), axis) };
    },
  };
}

/** How closed the thumb-index pinch is: 0 at 0.45 palms apart or more, 1 at 0.1 or less. */
export function pinchStrength(hand: HandShape): number {
  return ramp(hand.pinchGap, 0.45, 0.1);
}

const othersExtended = (hand: HandShape) => Math.min(hand.extended.middle, hand.extended.ring, hand.extended.pinky);

/**
 * The built-in rules. Shapes (fist, palm, victory, OK, pinch) do not depend on how the hand is
 * turned in the image; pointing and thumbs do, by definition.
 */
export const GESTURE_RULES: readonly GestureRule[] = [
  {
    name: 'open_palm',
    score: (hand) => ({ score: Math.min(hand.extended.index, hand.extended.middle, hand.extended.ring, hand.extended.pinky, hand.thumbOut) }),
  },
  {
    name: 'closed_fist',
    score: (hand) => ({ score: Math.min(folded(hand, ['index', 'middle', 'ring', 'pinky']), hand.tucked, 1 - hand.thumbOut) }),
  },
  pointing('pointing_up', UP),
  pointing('pointing_down', DOWN),
  pointing('pointing_left', PERSON_LEFT),
  pointing('pointing_right', PERSON_RIGHT),
  thumb('thumbs_up', UP),
  thumb('thumbs_down', DOWN),
  {
    // Index and middle straight and spread (tips at least twice as far apart as the knuckles; held
    // together they make a "U", 1.2 times), ring and little finger folded, thumb not held out.
    name: 'victory',
    score: (hand) => {
      const k = hand.keypoints;
      const spread = ramp(distance(k[8], k[12]) / (distance(k[5], k[9]) || 1), 1.5, 2);
      const shape = Math.min(hand.extended.index, hand.extended.middle, folded(hand, ['ring', 'pinky']), 1 - hand.thumbOut);
      return { score: Math.min(shape, spread) };
    },
  },
  {
    // Thumb and index tips together, the other three fingers up.
    name: 'ok',
    score: (hand) => ({ score: Math.min(pinchStrength(hand), hand.tipToTip, othersExtended(hand)) }),
  },
  {
    // Thumb and index tips together; with the other three fingers up it is an OK sign instead.
    name: 'pinch',
    score: (hand) => {
      const strength = pinchStrength(hand);
      return { score: Math.min(strength, hand.tipToTip) * (1 - 0.3 * othersExtended(hand)), strength };
    },
  },
];
