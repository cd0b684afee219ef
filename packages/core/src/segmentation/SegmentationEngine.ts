import type { Runtime } from '../runtime/Runtime';
import type { Frame } from '../runtime/contracts';
import { TaskEngine, type TaskModels } from '../task/TaskEngine';
import type { TaskInput } from '../task/taskInput';
import type { TaskResult, TaskState, TaskStatus } from '../task/types';
import { mirrorMask, smoothMask, thresholdMask } from './maskOps';
import { SegmentationMask } from './SegmentationMask';
import { segmentationInferenceError } from './SegmentationError';
import { segmentPixels, segmentationModelSpec, type LoadedSegmentationModel } from './segmentationModels';
import { resolveSegmentationOptions, type ResolvedSegmentationOptions, type SegmentationOptions } from './segmentationOptions';

/** Where a `SegmentationEngine` is (the same meaning for every task). */
export type SegmentationStatus = TaskStatus;

/** What `SegmentationEngine.estimate` accepts: a loop frame, an element, or a [height, width, 3] int32 pixel tensor. */
export type SegmentationInput = TaskInput;

/** The observable state of a `SegmentationEngine` (what `useSegmentation` returns, less the callbacks). */
export interface SegmentationState extends TaskState {
  /** The person mask of the last processed frame, at the model's resolution; null while none. */
  mask: SegmentationMask | null;
}

/** What `estimate` resolves with and result listeners receive once per processed frame. */
export interface SegmentationResult extends TaskResult {
  mask: SegmentationMask;
}

type SegmentationModels = { segmentation: LoadedSegmentationModel };

/**
 * Person segmentation (MediaPipe Selfie Segmentation): a task on the shared `TaskEngine` contract
 * (the model leased from the runtime while someone listens, one frame task on the source's loop,
 * stale frames never published, a failed frame retried with the next).
 *
 * Each frame gives a `SegmentationMask` at the model's resolution (256×256) covering the whole
 * frame, smoothed over time where the model is unsure, optionally thresholded and mirrored.
 *
 * ```ts
 * const engine = new SegmentationEngine({ smoothing: 0.7 });
 * engine.setSource(video);
 * const stop = engine.subscribeResults(({ mask }) => compositor.render(video, mask.frameSize, mask, { effect: 'blur' }));
 * ```
 */
export class SegmentationEngine extends TaskEngine<
  SegmentationOptions,
  ResolvedSegmentationOptions,
  SegmentationResult,
  SegmentationModels,
  SegmentationState
> {
  /** The last smoothed soft mask (unmirrored, unthresholded), for the next frame's smoothing. */
  private previous: Float32Array | null = null;

  constructor(options: SegmentationOptions = {}, runtime?: Runtime) {
    super(
      {
        initialState: {
          status: 'idle',
          error: null,
          progress: { loaded: 0, total: 0 },
          backend: null,
          mask: null,
          frameSize: null,
          timestamp: null,
          fps: 0,
          latencyMs: 0,
          droppedFrames: 0,
        },
        resolve: resolveSegmentationOptions,
        toError: segmentationInferenceError,
      },
      options,
      runtime,
    );
  }

  /** Segment one input (see `TaskEngine.estimate`); resolves with its mask. */
  override estimate(input: SegmentationInput, timestampMs?: number): Promise<SegmentationResult> {
    return super.estimate(input, timestampMs);
  }

  protected models(options: ResolvedSegmentationOptions): TaskModels {
    return { segmentation: segmentationModelSpec(options.model, this.runtime.resolveModelUrl) };
  }

  protected async infer(frame: Frame, { segmentation }: SegmentationModels, options: ResolvedSegmentationOptions): Promise<{ mask: SegmentationMask }> {
    let soft = await segmentPixels(segmentation, frame.pixels());
    if (options.smoothing > 0 && this.previous && this.previous.length === soft.length) {
      soft = smoothMask(soft, this.previous, options.smoothing);
    }
    this.previous = soft;
    const { inputWidth: width, inputHeight: height } = segmentation;
    let data = options.threshold === null ? soft : thresholdMask(soft, options.threshold, new Float32Array(soft.length));
    if (options.mirrored) data = mirrorMask(data, width, height);
    // The soft mask is kept for smoothing: hand out a copy when nothing else made one.
    if (data === soft) data = soft.slice();
    return { mask: new SegmentationMask(data, width, height, { width: frame.width, height: frame.height }, options.mirrored) };
  }

  protected toState({ mask }: SegmentationResult): Partial<SegmentationState> {
    return { mask };
  }

  protected emptyResult(): Partial<SegmentationState> {
    return { mask: null };
  }

  protected override onOptionsChanged(previous: ResolvedSegmentationOptions, next: ResolvedSegmentationOptions): void {
    if (next.model !== previous.model) this.onReset();
  }

  /** Forget the previous mask (smoothing), as at the start of a new video; a new source does this by itself. */
  protected override onReset(): void {
    this.previous = null;
  }
}
