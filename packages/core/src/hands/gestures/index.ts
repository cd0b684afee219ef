import type { HandGesture, HandKeypoint, Handedness } from '../types';

/** What the gesture rules read of a hand. */
export interface GestureInput {
  keypoints: readonly HandKeypoint[];
  handedness: Handedness;
}

/**
 * The built-in gestures a hand shows, best first.
 * (Interface fixed by the lead; the gestures work replaces this body with the real rules.)
 */
export function recognizeGestures(hand: GestureInput): HandGesture[] {
  void hand;
  return [];
}
