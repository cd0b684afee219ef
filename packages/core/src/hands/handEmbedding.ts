import type { HandKeypoint, Handedness } from './types';

/** 21 landmarks × (x, y, z). */
export const HAND_EMBEDDING_SIZE = 63;

/**
 * A hand's shape as 63 numbers, for classifiers (`features: 'hands'`) and for comparing hands:
 * the 21 landmarks' (x, y, z) relative to their centroid, divided by their RMS distance from it, so
 * where the hand is and how big it looks do not matter; its orientation does (thumbs up is not
 * thumbs down).
 *
 * Mirror invariant: every hand is described as a right hand seen unmirrored. A left hand is
 * reflected (x negated) first, so the same shape made with either hand, or seen in a mirrored
 * frame, gives the same vector: a left hand and a mirrored right hand are the same numbers.
 *
 * @param keypoints the 21 landmarks in `HAND_KEYPOINT_NAMES` order (pixels; z in the same scale,
 *   0 when unknown)
 * @param handedness whose hand it is, from the person's point of view
 * @param mirrored whether `keypoints` are in a mirrored frame's coordinates (x flipped); the
 *   engine's keypoints are unmirrored, so pass `false` for them
 * @returns the embedding, or `null` when there are not 21 keypoints or they all coincide
 */
export function handEmbedding(keypoints: readonly Pick<HandKeypoint, 'x' | 'y' | 'z'>[], handedness: Handedness, mirrored: boolean): Float32Array | null {
  if (keypoints.length !== 21) return null;
  // A right hand in unmirrored coordinates, or a left hand in mirrored ones, already looks like a
  // right hand; anything else is reflected.
  const flip = (handedness === 'left') !== mirrored ? -1 : 1;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (const p of keypoints) {
    cx += p.x / 21;
    cy += p.y / 21;
    cz += (p.z || 0) / 21;
  }
  let sum = 0;
  for (const p of keypoints) sum += (p.x - cx) ** 2 + (p.y - cy) ** 2 + ((p.z || 0) - cz) ** 2;
  const rms = Math.sqrt(sum / 21);
  if (!(rms > 0)) return null;
  const out = new Float32Array(HAND_EMBEDDING_SIZE);
  keypoints.forEach((p, i) => {
    out[i * 3] = (flip * (p.x - cx)) / rms;
    out[i * 3 + 1] = (p.y - cy) / rms;
    out[i * 3 + 2] = ((p.z || 0) - cz) / rms;
  });
  return out;
}
