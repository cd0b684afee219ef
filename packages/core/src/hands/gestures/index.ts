import type { HandGesture, HandKeypoint, Handedness } from '../types';
import { measureHand } from './fingers';
import { GESTURE_RULES } from './rules';

export { measureHand, type HandShape } from './fingers';
export { GESTURE_RULES, pinchStrength, type GestureRule } from './rules';

/** What the gesture rules read of a hand. */
export interface GestureInput {
  keypoints: readonly HandKeypoint[];
  handedness: Handedness;
}

/** Gestures scoring below this are not reported. */
export const MIN_GESTURE_SCORE = 0.5;

/**
 * The built-in gestures a hand shows, best first, each scored 0..1; those below
 * `MIN_GESTURE_SCORE` are left out (an empty list: no gesture).
 *
 * The rules read finger curl (the bend of each finger's joints) and direction from the 21
 * landmarks, with every length divided by the palm's, so they do not depend on the hand's size or
 * position. Keypoints are the engine's: source pixels of the unmirrored frame. Directions are the
 * person's: `pointing_right` is towards the person's own right, which is the image's left in the
 * unmirrored frame and the screen's right in a mirrored (selfie) view; `pointing_up` is up in the
 * image. `handedness` (also the person's) does not change any built-in rule: every shape reads the
 * same for a left and a right hand.
 *
 * - `open_palm`: all five fingers straight. `closed_fist`: four fingers folded, thumb not out.
 * - `pointing_*`: index straight, middle, ring and little finger folded, by the index's direction.
 * - `thumbs_up` / `thumbs_down`: four fingers folded, thumb straight and out, up or down.
 * - `victory`: index and middle straight and apart, the others folded.
 * - `ok`: thumb and index tips together, the other three straight.
 * - `pinch`: thumb and index tips together; `strength` says how closed (0 apart, 1 touching).
 */
export function recognizeGestures(hand: GestureInput): HandGesture[] {
  const shape = measureHand(hand.keypoints);
  if (!shape) return [];
  const found: HandGesture[] = [];
  for (const rule of GESTURE_RULES) {
    const { score, strength } = rule.score(shape);
    if (score < MIN_GESTURE_SCORE) continue;
    found.push(strength === undefined ? { name: rule.name, score } : { name: rule.name, score, strength });
  }
  return found.sort((a, b) => b.score - a.score);
}
