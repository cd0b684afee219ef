import type { Runtime } from '../../runtime/Runtime';
import { PoseEngine } from '../../pose/PoseEngine';
import { COCO_KEYPOINTS, type PoseKeypoint } from '../../pose/keypoints';
import type { Frame } from '../../runtime/contracts';
import type { ExtractContext, PoseFeatureOptions } from '../types';
import type { FeatureDescriptor } from './FeatureExtractor';
import { EngineExtractor } from './EngineExtractor';
import { augmentKeypoints, type AugmentView } from '../augmentation';

const DIMENSION = COCO_KEYPOINTS.length * 2;

/**
 * The index of each COCO keypoint's mirror image (`left_eye` ↔ `right_eye`, `nose` ↔ itself), to
 * mirror a pose the way a flipped frame would show it.
 */
export const MIRROR_INDEX = COCO_KEYPOINTS.map((name) => {
  const other = name.startsWith('left_') ? name.replace('left_', 'right_') : name.startsWith('right_') ? name.replace('right_', 'left_') : name;
  return COCO_KEYPOINTS.indexOf(other as (typeof COCO_KEYPOINTS)[number]);
});

/**
 * Turn MoveNet's 17 keypoints into 34 numbers that ignore where the person stands and how far
 * away: (x, y) relative to the hips' midpoint (or the confident keypoints' mean when a hip is not
 * seen), divided by the confident keypoints' RMS distance from it. Keypoints scored below
 * `minScore` become (0, 0), the centre, so a hidden wrist counts as "no information" rather than
 * as a wild guess. Mirroring negates x and swaps left and right, as a flipped frame would.
 */
export function poseEmbedding(keypoints: readonly Pick<PoseKeypoint, 'x' | 'y' | 'score'>[], minScore: number, mirrored: boolean): Float32Array | null {
  if (keypoints.length !== COCO_KEYPOINTS.length) return null;
  const seen = keypoints.map((k) => k.score >= minScore);
  const confident = keypoints.filter((_, i) => seen[i]);
  if (confident.length < 3) return null;
  const leftHip = COCO_KEYPOINTS.indexOf('left_hip');
  const rightHip = COCO_KEYPOINTS.indexOf('right_hip');
  let cx: number;
  let cy: number;
  if (seen[leftHip] && seen[rightHip]) {
    cx = (keypoints[leftHip].x + keypoints[rightHip].x) / 2;
    cy = (keypoints[leftHip].y + keypoints[rightHip].y) / 2;
  } else {
    cx = confident.reduce((s, k) => s + k.x, 0) / confident.length;
    cy = confident.reduce((s, k) => s + k.y, 0) / confident.length;
  }
  const rms = Math.sqrt(confident.reduce((s, k) => s + (k.x - cx) ** 2 + (k.y - cy) ** 2, 0) / confident.length) || 1;
  const out = new Float32Array(DIMENSION);
  for (let i = 0; i < keypoints.length; i++) {
    const from = mirrored ? MIRROR_INDEX[i] : i;
    if (!seen[from]) continue;
    const dx = (keypoints[from].x - cx) / rms;
    out[i * 2] = mirrored ? -dx : dx;
    out[i * 2 + 1] = (keypoints[from].y - cy) / rms;
  }
  return out;
}

/** The `'pose'` features: MoveNet Lightning through the pose engine, one person. */
export function poseFeatures(options: PoseFeatureOptions): FeatureDescriptor {
  const minScore = options.minKeypointScore ?? 0.2;
  if (!(minScore >= 0 && minScore <= 1)) throw new TypeError(`features.minKeypointScore must be a number from 0 to 1; got ${JSON.stringify(minScore)}`);
  return { id: 'pose:movenet-lightning', dimension: DIMENSION, create: (runtime) => new PoseExtractor(minScore, runtime) };
}

class PoseExtractor extends EngineExtractor<PoseEngine> {
  readonly id = 'pose:movenet-lightning';
  readonly dimension = DIMENSION;

  constructor(
    private readonly minScore: number,
    runtime: Runtime,
  ) {
    // Unsmoothed: examples taken from arbitrary frames must not be blended with the frame before.
    super(new PoseEngine({ model: 'lightning', maxPoses: 1, smoothing: false }, runtime));
  }

  /** Jittered (and, if asked, mirrored) copies of the keypoints: no second pass of the model. */
  async augment(_frame: Frame, _context: ExtractContext, views: readonly AugmentView[], embedding: Float32Array): Promise<Float32Array[]> {
    return augmentKeypoints(embedding, views, MIRROR_INDEX);
  }

  async extract(frame: Frame, context: ExtractContext): Promise<Float32Array | null> {
    const { poses } = await this.engine.estimate(frame.pixels(), frame.timestamp);
    const pose = poses[0];
    return pose ? poseEmbedding(pose.keypoints, this.minScore, context.mirrored) : null;
  }
}
