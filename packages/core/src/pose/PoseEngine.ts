import type { Runtime } from '../runtime/Runtime';
import type { Frame } from '../runtime/contracts';
import { isVideo } from '../runtime/sourceKinds';
import { TaskEngine, type InferContext, type TaskModels } from '../task/TaskEngine';
import type { TaskInput } from '../task/taskInput';
import { initialTaskState } from '../task/types';
import type { TaskResult, TaskState, TaskStatus } from '../task/types';
import type { Pose } from './keypoints';
import { poseInferenceError } from './PoseError';
import { createPoseSession, poseModelSpec, type LoadedPoseModel, type PoseSession } from './poseModels';
import { resolvePoseOptions, type PoseOptions, type ResolvedPoseOptions } from './poseOptions';
import { PoseSmoother } from './smoothPoses';

/** Where a `PoseEngine` is (the same meaning for every task). */
export type PoseStatus = TaskStatus;

/** What `PoseEngine.estimate` accepts: a loop frame, an element, or a [height, width, 3] int32 pixel tensor. */
export type PoseInput = TaskInput;

/** The observable state of a `PoseEngine` (what `usePose` returns, less the callbacks). */
export interface PoseState extends TaskState {
  /** The poses of the last processed frame, best first. */
  poses: Pose[];
}

/** What `estimate` resolves with and result listeners receive once per processed frame. */
export interface PoseResult extends TaskResult {
  poses: Pose[];
}

type PoseModels = { pose: LoadedPoseModel };


/**
 * Body-pose estimation over `@tensorflow-models/pose-detection`: a task on the shared
 * `TaskEngine` contract (models leased from the runtime while someone listens, one frame task on
 * the source's loop, stale frames never published, a failed frame retried with the next).
 *
 * Keypoints are in source pixels of the unmirrored frame (`x`, `y`) and normalised (`nx`, `ny`).
 *
 * ```ts
 * const engine = new PoseEngine({ model: 'lightning' });
 * engine.setSource(video);
 * const stop = engine.subscribeResults(({ poses }) => draw(poses));
 * ```
 */
export class PoseEngine extends TaskEngine<PoseOptions, ResolvedPoseOptions, PoseResult, PoseModels, PoseState> {
  private session: PoseSession | null = null;
  private sessionModel: LoadedPoseModel | null = null;
  /** The session's filters hold the previous frames: rebuilt on reset and on new filter settings. */
  private sessionStale = false;
  private readonly smoother = new PoseSmoother();

  constructor(options: PoseOptions = {}, runtime?: Runtime) {
    super(
      {
        initialState: { ...initialTaskState(), poses: [] },
        resolve: resolvePoseOptions,
        toError: poseInferenceError,
        worker: 'pose',
      },
      options,
      runtime,
    );
  }

  protected models(options: ResolvedPoseOptions): TaskModels {
    return { pose: poseModelSpec(options.model, this.runtime.resolveModelUrl) };
  }

  protected async infer(frame: Frame, { pose }: PoseModels, options: ResolvedPoseOptions, { timestampMs }: InferContext): Promise<{ poses: Pose[] }> {
    const session = this.sessionFor(pose);
    // pose-detection smooths by time: a video without an explicit time uses its media time; a
    // still without one is not smoothed.
    const time = timestampMs ?? (isVideo(frame.source) ? frame.timestamp : undefined);
    const raw = await session.detector.estimatePoses(frame.pixels(), { maxPoses: options.maxPoses, flipHorizontal: false }, time);
    return { poses: this.smoother.apply(raw, frame, options) };
  }

  protected toState({ poses }: PoseResult): Partial<PoseState> {
    return { poses };
  }

  protected emptyResult(): Partial<PoseState> {
    return { poses: [] };
  }

  protected override onOptionsChanged(previous: ResolvedPoseOptions, next: ResolvedPoseOptions): void {
    if (next.smoothing !== previous.smoothing || next.minScore !== previous.minScore) this.onReset();
  }

  /**
   * Forget the tracking and smoothing state, as at the start of a new video (a new source does
   * this by itself). The next frame is estimated without reference to the previous ones.
   */
  protected override onReset(): void {
    this.sessionStale = true;
    this.smoother.reset();
  }

  override dispose(): void {
    super.dispose();
    this.session?.dispose();
    this.session = null;
    this.sessionModel = null;
  }

  private sessionFor(model: LoadedPoseModel): PoseSession {
    if (!this.session || this.sessionModel !== model || this.sessionStale) {
      this.session?.dispose();
      const { smoothing, minScore } = this.options;
      this.session = createPoseSession(model, { enableSmoothing: smoothing !== false, minPoseScore: minScore });
      this.sessionModel = model;
      this.sessionStale = false;
    }
    return this.session;
  }
}
