import type { TaskResult, TaskState } from '../task/types';

/** The seven expressions face-api's expression net scores. */
export const FACE_EXPRESSIONS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;
export type FaceExpression = (typeof FACE_EXPRESSIONS)[number];

/** A probability per expression; they sum to about 1. */
export type FaceExpressions = Record<FaceExpression, number>;

/**
 * The face detector.
 * - `'tiny'`: face-api's Tiny Face Detector (190 KB, fast; `inputSize` trades speed for small faces).
 * - `'ssd'`: SSD MobileNet v1 (5.4 MB, slower, finds smaller and turned faces).
 * - `'none'`: no detection; the whole input is taken as one face that is already cropped (a profile
 *   photo, a crop from another detector). Its box is the whole frame and its score 1.
 */
export type FaceDetector = 'tiny' | 'ssd' | 'none';

/** The 68-point landmark net: `'full'` (350 KB) or `'tiny'` (80 KB, less precise). */
export type FaceLandmarkModel = 'full' | 'tiny';

/** What the face engine computes, and how often. */
export interface FaceEngineOptions {
  /**
   * Which detector finds the faces (see {@link FaceDetector}).
   * @default 'tiny'
   */
  detector?: FaceDetector;
  /**
   * Side of the square the Tiny Face Detector sees, in pixels: a multiple of 32 from 128 to 608.
   * Larger finds smaller faces and places boxes more precisely, at a higher cost. SSD always works
   * at 512 and ignores it.
   * @default 224
   */
  inputSize?: number;
  /**
   * Minimum detection score (0..1) for a face to be reported.
   * @default 0.5
   */
  scoreThreshold?: number;
  /**
   * At most this many faces (the highest scores) go through landmarks, age and expressions.
   * @default 10
   */
  maxFaces?: number;
  /**
   * 68-point landmarks: `true` or `'full'` for the full net, `'tiny'` for the small one, `false`
   * for none. With landmarks, age, expressions and descriptors are computed on the face aligned
   * by its landmarks (as face-api does).
   * @default true
   */
  withLandmarks?: boolean | FaceLandmarkModel;
  /**
   * Probabilities of the seven expressions and the dominant one.
   * @default true
   */
  withExpressions?: boolean;
  /**
   * Estimated age in years, and gender with its probability. Read docs/face-estimates.md before
   * showing these to people: they are guesses from appearance, with known bias.
   * @default true
   */
  withAgeAndGender?: boolean;
  /**
   * 128-number face descriptors for {@link FaceMatcher} (a 6.4 MB model). Needs landmarks.
   * @default false
   */
  withDescriptors?: boolean;
  /**
   * How much of the previous frame's estimate is kept (0..1) for boxes, landmarks and
   * expressions, per 1/30 s (so it behaves the same at any frame rate). 0 reports each frame as is.
   * Age and gender are not smoothed but averaged: each is the mean over the face's whole track.
   * @default 0.5
   */
  smoothing?: number;
  /**
   * Upper bound on inferences per second.
   * @default Infinity
   */
  maxFps?: number;
  /**
   * When false, no model is loaded and no frame is processed; the last faces are cleared.
   * @default true
   */
  enabled?: boolean;
}

/** The options with every default filled in and `withLandmarks` normalised. */
export interface ResolvedFaceOptions {
  detector: FaceDetector;
  inputSize: number;
  scoreThreshold: number;
  maxFaces: number;
  withLandmarks: FaceLandmarkModel | false;
  withExpressions: boolean;
  withAgeAndGender: boolean;
  withDescriptors: boolean;
  smoothing: number;
  maxFps: number;
  enabled: boolean;
}

/** A box in source pixels (the frame as the camera delivered it, never mirrored). */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in source pixels. */
export interface FacePoint {
  x: number;
  y: number;
}

/** One face in one frame. Coordinates are source pixels, unmirrored. */
export interface FaceInfo {
  /** Stable across frames while the face is tracked (it survives five missed frames). */
  id: number;
  box: FaceBox;
  /** Detection score, 0..1. */
  score: number;
  /** The 68 landmarks (iBUG 300-W order), or null when `withLandmarks` is false. */
  landmarks: FacePoint[] | null;
  /**
   * Estimated apparent age in years, the mean of every reading since the face's track began (so
   * it settles instead of jumping frame to frame), or null when `withAgeAndGender` is false.
   */
  age: number | null;
  /** Estimated gender from the mean probability over the track, or null when `withAgeAndGender` is false. */
  gender: 'male' | 'female' | null;
  /** Probability of `gender` (the track's mean), 0.5..1. */
  genderProbability: number | null;
  /** Expression probabilities, or null when `withExpressions` is false. */
  expressions: FaceExpressions | null;
  /** The most probable expression, or null when `withExpressions` is false. */
  dominantExpression: FaceExpression | null;
  /** The 128-d descriptor (not smoothed), or null when `withDescriptors` is false. */
  descriptor: Float32Array | null;
}

/** The faces found in one frame: what `estimate` resolves with and result listeners receive. */
export interface FaceResult extends TaskResult {
  faces: readonly FaceInfo[];
  /** The frame's width in source pixels (`frameSize.width`). */
  width: number;
  /** The frame's height in source pixels (`frameSize.height`). */
  height: number;
}

/** The face engine's observable state (the status is the model's; the camera's is `useWebcam`'s). */
export interface FaceEngineState extends TaskState {
  /** The faces of the last estimated frame. */
  faces: readonly FaceInfo[];
}
