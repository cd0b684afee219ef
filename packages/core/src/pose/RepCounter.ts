import { jointAngle, type JointTriple } from './jointAngle';
import type { Pose } from './keypoints';

/** Where a repetition is: not yet seen extended, extended (`up`), or flexed (`down`). */
export type RepPhase = 'unknown' | 'up' | 'down';

/** What the counter knows after a pose. */
export interface RepCounterState {
  count: number;
  phase: RepPhase;
  /** The angle measured on the last pose (degrees), or `null` when the joints were not visible. */
  angle: number | null;
}

export interface RepCounterOptions {
  /**
   * The joints whose angle is tracked; when several are given and visible, their mean is used
   * (both knees for squats, so a squat counts even when one leg is hidden).
   * @default both knees: hip–knee–ankle on each side
   */
  joints?: readonly JointTriple[];
  /**
   * The angle (degrees) under which the movement counts as flexed (`down`). The default counts
   * a half squat (thighs about 60° below horizontal); use 90 to count only deep squats.
   * @default 120
   */
  downBelow?: number;
  /**
   * The angle (degrees) over which the movement counts as extended (`up`). The gap between the two
   * thresholds is the hysteresis that stops jitter around one value from counting twice.
   * @default 160
   */
  upAbove?: number;
  /**
   * Keypoints scored below this are ignored.
   * @default 0.3
   */
  minScore?: number;
}

const KNEES: readonly JointTriple[] = [
  ['left_hip', 'left_knee', 'left_ankle'],
  ['right_hip', 'right_knee', 'right_ankle'],
];

/**
 * Counts repetitions of a movement from a joint angle with hysteresis: one rep is up → down → up.
 * The defaults count squats from the knee angle.
 *
 * ```ts
 * const squats = new RepCounter();
 * usePose({ source, onPoses: (poses) => squats.update(poses[0]) });
 * ```
 */
export class RepCounter {
  private readonly joints: readonly JointTriple[];
  private readonly downBelow: number;
  private readonly upAbove: number;
  private readonly minScore: number;
  private state: RepCounterState = { count: 0, phase: 'unknown', angle: null };
  private lastTimestamp = -Infinity;

  constructor(options: RepCounterOptions = {}) {
    this.joints = options.joints ?? KNEES;
    this.downBelow = options.downBelow ?? 120;
    this.upAbove = options.upAbove ?? 160;
    this.minScore = options.minScore ?? 0.3;
    if (this.joints.length === 0) throw new RangeError('RepCounter: joints must name at least one joint');
    if (!(this.downBelow < this.upAbove)) {
      throw new RangeError(
        `RepCounter: downBelow (${this.downBelow}) must be smaller than upAbove (${this.upAbove})`,
      );
    }
  }

  /**
   * Feed the next pose (or `undefined` when nobody is seen); returns the updated state.
   * @param timestampMs the frame's time (a result's `timestamp`). When it goes backwards (a looping
   *   clip restarted, a seek) the phase starts again from `unknown`, so the jump from the end of one
   *   take to the start of the next is not counted as a rep; the count is kept.
   */
  update(pose: Pose | null | undefined, timestampMs?: number): RepCounterState {
    const angles = pose
      ? this.joints.map((j) => jointAngle(pose, j, this.minScore)).filter((a): a is number => a !== null)
      : [];
    const angle = angles.length ? angles.reduce((s, a) => s + a, 0) / angles.length : null;
    let { count, phase } = this.state;
    if (timestampMs !== undefined) {
      if (timestampMs < this.lastTimestamp) phase = 'unknown';
      this.lastTimestamp = timestampMs;
    }
    if (angle !== null) {
      if (angle > this.upAbove) {
        if (phase === 'down') count += 1;
        phase = 'up';
      } else if (angle < this.downBelow && phase === 'up') {
        phase = 'down';
      }
    }
    this.state = { count, phase, angle };
    return this.state;
  }

  /** The state after the last update. */
  get current(): RepCounterState {
    return this.state;
  }

  /** Back to zero. */
  reset(): void {
    this.state = { count: 0, phase: 'unknown', angle: null };
    this.lastTimestamp = -Infinity;
  }
}
