import { PoseOptionsError } from './PoseError';
import { POSE_MODELS, maxPosesOf, type PoseModelName } from './poseModels';

/** The options of `PoseEngine` (and `usePose`). Every one can change at any time. */
export interface PoseOptions {
  /**
   * Which model runs: `'lightning'` (MoveNet SinglePose Lightning, fastest), `'thunder'` (MoveNet
   * SinglePose Thunder, more accurate), `'multipose'` (MoveNet MultiPose Lightning, up to 6
   * people), or `'blazepose-lite' | 'blazepose-full' | 'blazepose-heavy'` (33 keypoints, one person).
   * @default 'lightning'
   */
  model?: PoseModelName;
  /**
   * The most poses reported per frame, best first: 1 for single-person models, 1 to 6 for
   * `'multipose'`.
   * @default 1, or 6 with `model: 'multipose'`
   */
  maxPoses?: number;
  /**
   * Poses scored below this (0..1) are dropped.
   * @default 0.25 (pose-detection's MoveNet default)
   */
  minScore?: number;
  /**
   * Temporal smoothing of the keypoints. `true` runs the model's own one-euro filter (which reads
   * the frame timestamps); a number in (0, 1) also blends each keypoint with the previous frame's
   * (0.5 = half of the last position; steadier, but lags behind fast moves); `false` turns every
   * filter off (raw model output).
   * @default true
   */
  smoothing?: boolean | number;
  /**
   * Upper bound on estimations per second; frames in between are skipped. Lower it to leave the
   * CPU or GPU to other work (a game, other models).
   * @default Infinity (every frame the source presents, while the previous one is done)
   */
  maxFps?: number;
  /**
   * Whether frames are processed. `false` stops inference, clears the poses and reports
   * `status: 'idle'`; the model is released (the cache keeps it for `releaseDelayMs`, so a quick
   * re-enable reuses it), and one not loaded yet is not downloaded until enabled.
   * @default true
   */
  enabled?: boolean;
}

/** `PoseOptions` with every default filled in. */
export type ResolvedPoseOptions = Required<PoseOptions>;


function fail(option: string, allowed: string, got: unknown): never {
  throw new PoseOptionsError(`pose: ${option} must be ${allowed}; got ${JSON.stringify(got) ?? String(got)}`);
}

/**
 * Checks `options` and fills in the defaults; throws a `PoseOptionsError` naming the allowed
 * values for the first invalid one.
 */
export function resolvePoseOptions(options: PoseOptions = {}): ResolvedPoseOptions {
  const model = options.model ?? 'lightning';
  if (!POSE_MODELS.includes(model)) fail('model', `one of ${POSE_MODELS.map((m) => `'${m}'`).join(', ')}`, model);
  const most = maxPosesOf(model);
  const maxPoses = options.maxPoses ?? most;
  if (!Number.isInteger(maxPoses) || maxPoses < 1 || maxPoses > most) {
    fail(
      'maxPoses',
      most === 1
        ? `1 with model '${model}' (use model 'multipose' for up to 6 people)`
        : `an integer from 1 to ${most} with model '${model}'`,
      maxPoses,
    );
  }
  const minScore = options.minScore ?? 0.25;
  if (typeof minScore !== 'number' || !(minScore >= 0 && minScore <= 1)) fail('minScore', 'a number from 0 to 1', minScore);
  const smoothing = options.smoothing ?? true;
  if (typeof smoothing !== 'boolean' && !(typeof smoothing === 'number' && smoothing >= 0 && smoothing < 1)) {
    fail('smoothing', 'true, false or a number from 0 (no extra smoothing) up to but excluding 1', smoothing);
  }
  const maxFps = options.maxFps ?? Number.POSITIVE_INFINITY;
  if (typeof maxFps !== 'number' || !(maxFps > 0)) fail('maxFps', 'a number > 0 (Infinity for no limit)', maxFps);
  const enabled = options.enabled ?? true;
  if (typeof enabled !== 'boolean') fail('enabled', 'true or false', enabled);
  return { model, maxPoses, minScore, smoothing, maxFps, enabled };
}
