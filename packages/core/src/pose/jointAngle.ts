import type { Point } from '../geometry';
import { getKeypoint, type KeypointName, type Pose } from './keypoints';

/**
 * The angle at `vertex` between the segments to `a` and to `c`, in degrees (0..180).
 * Use source-pixel coordinates (a keypoint's `x`/`y`), not the normalised `nx`/`ny`, which
 * stretch angles whenever the frame is not square.
 */
export function angleAt(a: Point, vertex: Point, c: Point): number {
  const abx = a.x - vertex.x;
  const aby = a.y - vertex.y;
  const cbx = c.x - vertex.x;
  const cby = c.y - vertex.y;
  const lengths = Math.hypot(abx, aby) * Math.hypot(cbx, cby);
  if (lengths === 0) return Number.NaN;
  const cos = Math.min(1, Math.max(-1, (abx * cbx + aby * cby) / lengths));
  return (Math.acos(cos) * 180) / Math.PI;
}

/** Three keypoints whose middle one is the joint: `['left_hip', 'left_knee', 'left_ankle']`. */
export type JointTriple = readonly [KeypointName, KeypointName, KeypointName];

/**
 * The angle of a joint of `pose` in degrees (180 = straight), or `null` when one of the three
 * keypoints is missing or scored below `minScore`.
 *
 * ```ts
 * const knee = jointAngle(pose, ['left_hip', 'left_knee', 'left_ankle']);
 * ```
 */
export function jointAngle(pose: Pose, joint: JointTriple, minScore = 0.3): number | null {
  const [a, b, c] = joint.map((name) => getKeypoint(pose, name));
  if (!a || !b || !c || a.score < minScore || b.score < minScore || c.score < minScore) return null;
  const angle = angleAt(a, b, c);
  return Number.isNaN(angle) ? null : angle;
}
