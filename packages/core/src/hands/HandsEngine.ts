import type { Runtime } from '../runtime/Runtime';
import type { Frame } from '../runtime/contracts';
import { isVideo } from '../runtime/sourceKinds';
import { TaskEngine, type InferContext, type TaskModels } from '../task/TaskEngine';
import type { TaskInput } from '../task/taskInput';
import { initialTaskState, type TaskState, type TaskStatus } from '../task/types';
import { recognizeGestures } from './gestures/index';
import { boundingBox } from './handRoi';
import { handsInferenceError } from './HandsError';
import { handDetectorSpec, handLandmarkSpec, type LoadedHandGraph } from './handsModels';
import { resolveHandsOptions, type HandsOptions, type ResolvedHandsOptions } from './handsOptions';
import { HandTracker, type TrackedHand, type TrackerCounts } from './HandTracker';
import { HAND_KEYPOINT_NAMES, type Hand, type HandsResult } from './types';

/** Where a `HandsEngine` is (the same meaning for every task). */
export type HandsStatus = TaskStatus;

/** What `HandsEngine.estimate` accepts: a loop frame, an element, or a [height, width, 3] int32 pixel tensor. */
export type HandsInput = TaskInput;

/** The observable state of a `HandsEngine` (what `useHands` returns, less the callbacks). */
export interface HandsState extends TaskState {
  /** The hands of the last processed frame, in the order they were first found. */
  hands: Hand[];
}

type HandsModels = { detector: LoadedHandGraph; landmarks: LoadedHandGraph };

/** A tracker hand as the public `Hand`: named keypoints, the person's handedness, its gestures. */
function toHand(t: TrackedHand, gestures: boolean): Hand {
  const handedness = t.rightHand >= 0.5 ? 'right' : 'left';
  const keypoints = t.keypoints.map((p, i) => ({ name: HAND_KEYPOINT_NAMES[i], x: p.x, y: p.y, z: p.z }));
  return {
    id: t.id,
    handedness,
    handednessScore: Math.max(t.rightHand, 1 - t.rightHand),
    score: t.presence,
    box: boundingBox(keypoints),
    keypoints,
    keypoints3D: t.world.map((p, i) => ({ name: HAND_KEYPOINT_NAMES[i], x: p.x, y: p.y, z: p.z })),
    gestures: gestures ? recognizeGestures({ keypoints, handedness }) : [],
  };
}

/**
 * Hand tracking (MediaPipe Hands' landmark models over a hand detector, with MediaPipe's tracking
 * scheme): a task on the shared `TaskEngine` contract (models leased from the runtime while someone
 * listens, one frame task on the source's loop, stale frames never published, a failed frame
 * retried with the next).
 *
 * Keypoints are in source pixels of the unmirrored frame; `handedness` is the person's own hand,
 * whatever the page does to show the video mirrored.
 *
 * ```ts
 * const engine = new HandsEngine({ maxHands: 1 });
 * engine.setSource(video);
 * const stop = engine.subscribeResults(({ hands }) => draw(hands));
 * ```
 */
export class HandsEngine extends TaskEngine<HandsOptions, ResolvedHandsOptions, HandsResult, HandsModels, HandsState> {
  private readonly tracker = new HandTracker();

  constructor(options: HandsOptions = {}, runtime?: Runtime) {
    super(
      { initialState: { ...initialTaskState(), hands: [] }, resolve: resolveHandsOptions, toError: handsInferenceError, worker: 'hands' },
      options,
      runtime,
    );
  }

  /** Estimate the hands of one input (see `TaskEngine.estimate`). */
  override estimate(input: HandsInput, timestampMs?: number): Promise<HandsResult> {
    return super.estimate(input, timestampMs);
  }

  /** How many detector and landmark passes ran so far (the tracking scheme's cost). */
  get passCounts(): Readonly<TrackerCounts> {
    return this.tracker.counts;
  }

  protected models(options: ResolvedHandsOptions): TaskModels {
    return {
      detector: handDetectorSpec(options.detector, this.runtime.resolveModelUrl),
      landmarks: handLandmarkSpec(options.model, this.runtime.resolveModelUrl),
    };
  }

  protected async infer(frame: Frame, { detector, landmarks }: HandsModels, options: ResolvedHandsOptions, { timestampMs }: InferContext): Promise<{ hands: Hand[] }> {
    // A video without an explicit time uses its media time; a still without one is a still image.
    const timeMs = timestampMs ?? (isVideo(frame.source) ? frame.timestamp : undefined);
    const tracked = await this.tracker.track(frame.pixels(), detector.graph, landmarks.graph, {
      maxHands: options.maxHands,
      detector: options.detector,
      minScore: options.minScore,
      smoothing: options.smoothing,
      timeMs,
    });
    return { hands: tracked.map((t) => toHand(t, options.gestures)) };
  }

  protected toState({ hands }: HandsResult): Partial<HandsState> {
    return { hands };
  }

  protected emptyResult(): Partial<HandsState> {
    return { hands: [] };
  }

  protected override onOptionsChanged(previous: ResolvedHandsOptions, next: ResolvedHandsOptions): void {
    if (next.model !== previous.model || next.detector !== previous.detector || next.maxHands !== previous.maxHands || next.minScore !== previous.minScore) this.onReset();
  }

  /** Forget the tracked hands and their filters, as at the start of a new video (a new source does this by itself). */
  protected override onReset(): void {
    this.tracker.reset();
  }
}
