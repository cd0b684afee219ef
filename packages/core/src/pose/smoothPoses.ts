import type { KeypointName, Pose, PoseKeypoint } from './keypoints';

/** One pose as pose-detection reports it. */
export interface RawPose {
  score?: number;
  keypoints: { x: number; y: number; score?: number; name?: string }[];
  id?: number;
}

/**
 * Turns pose-detection's output into our `Pose`s: best first, at most `maxPoses`, below
 * `minScore` dropped, normalised coordinates added, and (with a numeric `smoothing`) each keypoint
 * blended with the same pose's keypoint of the previous frame. Keeps that previous frame itself.
 */
export class PoseSmoother {
  private previous = new Map<number, PoseKeypoint[]>();

  /** Forget the previous frame. */
  reset(): void {
    this.previous.clear();
  }

  apply(raw: readonly RawPose[], size: { width: number; height: number }, options: { minScore: number; maxPoses: number; smoothing: boolean | number }): Pose[] {
    const blend = typeof options.smoothing === 'number' ? options.smoothing : 0;
    const w = size.width || 1;
    const h = size.height || 1;
    const poses: Pose[] = [];
    const seen = new Set<number>();
    const sorted = raw.length > 1 ? [...raw].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)) : raw;
    for (const p of sorted) {
      const score = p.score ?? 0;
      if (score < options.minScore) continue;
      const key = p.id ?? poses.length;
      const before = blend > 0 ? this.previous.get(key) : undefined;
      const keypoints: PoseKeypoint[] = p.keypoints.map((k, i) => {
        let { x, y } = k;
        const last = before?.[i];
        if (last) {
          x = last.x + (x - last.x) * (1 - blend);
          y = last.y + (y - last.y) * (1 - blend);
        }
        return { name: k.name as KeypointName, x, y, nx: x / w, ny: y / h, score: k.score ?? 0 };
      });
      if (blend > 0) {
        this.previous.set(key, keypoints);
        seen.add(key);
      }
      poses.push(p.id === undefined ? { score, keypoints } : { score, keypoints, id: p.id });
      if (poses.length === options.maxPoses) break;
    }
    if (blend > 0) {
      for (const key of [...this.previous.keys()]) if (!seen.has(key)) this.previous.delete(key);
    }
    return poses;
  }
}
