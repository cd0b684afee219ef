import type { TaskResult } from '../task/types';

/** MediaPipe Hands' 21 landmarks, in the models' output order (index 0 is the wrist). */
export const HAND_KEYPOINT_NAMES = [
  'wrist',
  'thumb_cmc',
  'thumb_mcp',
  'thumb_ip',
  'thumb_tip',
  'index_finger_mcp',
  'index_finger_pip',
  'index_finger_dip',
  'index_finger_tip',
  'middle_finger_mcp',
  'middle_finger_pip',
  'middle_finger_dip',
  'middle_finger_tip',
  'ring_finger_mcp',
  'ring_finger_pip',
  'ring_finger_dip',
  'ring_finger_tip',
  'pinky_finger_mcp',
  'pinky_finger_pip',
  'pinky_finger_dip',
  'pinky_finger_tip',
] as const;

/** One of the 21 hand landmark names. */
export type HandKeypointName = (typeof HAND_KEYPOINT_NAMES)[number];

/** A hand landmark in source pixels of the unmirrored frame. */
export interface HandKeypoint {
  name: HandKeypointName;
  /** Source pixels, unmirrored. */
  x: number;
  /** Source pixels, unmirrored. */
  y: number;
  /** Depth relative to the wrist, in the same pixel scale as `x` (smaller is nearer the camera). */
  z: number;
}

/** A hand landmark in metres, origin near the hand's centre (the model's world landmarks). */
export interface HandKeypoint3D {
  name: HandKeypointName;
  x: number;
  y: number;
  z: number;
}

/** Whose hand it is, from the person's point of view (not the image's). */
export type Handedness = 'left' | 'right';

/** The built-in, rule-based gestures. */
export type HandGestureName =
  | 'open_palm'
  | 'closed_fist'
  | 'pointing_up'
  | 'pointing_down'
  | 'pointing_left'
  | 'pointing_right'
  | 'thumbs_up'
  | 'thumbs_down'
  | 'victory'
  | 'ok'
  | 'pinch';

/** A recognised gesture with how sure the rules are, 0..1. */
export interface HandGesture {
  name: HandGestureName;
  score: number;
  /** `pinch` only: how closed the pinch is, 0 (apart) .. 1 (touching). */
  strength?: number;
}

/** One tracked hand. */
export interface Hand {
  /** Stable while the hand stays tracked; a new hand gets a new id. */
  id: number;
  handedness: Handedness;
  /** Handedness confidence, 0..1. */
  handednessScore: number;
  /** Hand presence confidence, 0..1. */
  score: number;
  /** Axis-aligned box around the keypoints, source pixels. */
  box: { x: number; y: number; width: number; height: number };
  /** The 21 landmarks, in `HAND_KEYPOINT_NAMES` order. */
  keypoints: HandKeypoint[];
  /** World landmarks in metres, when the model gives them. */
  keypoints3D?: HandKeypoint3D[];
  /** Recognised gestures, best first (empty when none or when gestures are off). */
  gestures: HandGesture[];
}

/** What `HandsEngine.estimate` returns and result subscribers receive. */
export interface HandsResult extends TaskResult {
  hands: Hand[];
}
