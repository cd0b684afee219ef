import { useMemo } from 'react';
import { useTaskEngine, type TaskHandles } from '../shared/useTaskEngine';
import { PoseEngine, resolvePoseOptions } from '@webcam-ml/core/pose';
import type { Pose, PoseOptions, PoseResult, PoseState } from '@webcam-ml/core/pose';
import type { FrameSourceElement, Runtime } from '@webcam-ml/core/runtime';

export interface UsePoseOptions<T extends object = PoseState> extends PoseOptions {
  /**
   * Where frames come from: a video (for example `useWebcam().video`), an image or a canvas.
   * Nothing is processed while it is `null`, but the model already loads.
   * @default null
   */
  source?: FrameSourceElement | null;
  /**
   * Called with every processed frame's result, without waiting for a React render: the place for
   * a game loop or canvas drawing. Read through a ref, so a new function each render costs nothing.
   * @default undefined
   */
  onResult?: (result: PoseResult) => void;
  /**
   * @deprecated use `onResult` (the same on every hook): `onPoses(poses, result)`.
   * @default undefined
   */
  onPoses?: (poses: Pose[], result: PoseResult) => void;
  /**
   * The part of the state this component reads; it re-renders only when that changes (shallowly).
   * `(s) => ({ status: s.status })` renders on status changes, not on every frame.
   * @default the whole state
   */
  select?: (state: PoseState) => T;
}

/** What `usePose` returns: the engine's (selected) state, plus ways to reach every frame. */
export type UsePoseResult<T extends object = PoseState> = T & TaskHandles<PoseEngine>;

const whole = (state: PoseState): PoseState => state;
const createEngine = (options: PoseOptions, runtime: Runtime) => new PoseEngine(options, runtime);

/**
 * Body-pose tracking on a video, image or canvas, with MoveNet (default) or BlazePose.
 *
 * ```tsx
 * const cam = useWebcam();
 * const pose = usePose({ source: cam.video });
 * return <><Webcam camera={cam} /><PoseOverlay poses={pose.poses} frameSize={pose.frameSize} /></>;
 * ```
 * The options given each render are the whole truth (one left out takes its default). They are
 * validated during render: an invalid one throws a `PoseOptionsError` (`code: 'invalid-options'`)
 * naming the allowed values.
 */
export function usePose<T extends object = PoseState>(options: UsePoseOptions<T> = {}): UsePoseResult<T> {
  const { source = null, onResult, onPoses, select, ...rest } = options;
  resolvePoseOptions(rest);
  const deliver = onResult ?? (onPoses && ((result: PoseResult) => onPoses(result.poses, result)));
  const { engine, selected } = useTaskEngine(createEngine, rest, source, deliver, (select ?? whole) as (state: PoseState) => T);
  return useMemo(() => ({ ...selected, subscribeResults: engine.subscribeResults, engine }), [selected, engine]);
}
