import { useEffect, useMemo, useState } from 'react';
import { useTaskEngine } from '../shared/useTaskEngine';
import { PoseEngine, resolvePoseOptions } from '@webcam-ml/core/pose';
import type { Pose, PoseOptions, PoseResult, PoseState } from '@webcam-ml/core/pose';
import type { FrameSourceElement } from '@webcam-ml/core/runtime';

export interface UsePoseOptions extends PoseOptions {
  /**
   * Where frames come from: a video (for example `useWebcam().video`), an image or a canvas.
   * Nothing is processed while it is `null`, but the model already loads.
   * @default null
   */
  source?: FrameSourceElement | null;
  /**
   * Called with every processed frame's poses, without waiting for a React render: the place for a
   * game loop or canvas drawing. Read through a ref, so a new function each render costs nothing.
   * @default undefined
   */
  onPoses?: (poses: Pose[], result: PoseResult) => void;
}

/** What `usePose` returns: the engine's state, plus ways to reach every frame. */
export interface UsePoseResult extends PoseState {
  /** Listen to every frame without re-rendering (a game loop, a canvas). */
  subscribeResults: PoseEngine['subscribeResults'];
  /** The engine behind the hook (`estimate` on a still, `reset`); the same object for the hook's life. */
  engine: PoseEngine;
}

/**
 * Body-pose tracking on a video, image or canvas, with MoveNet (default) or BlazePose.
 *
 * ```tsx
 * const cam = useWebcam();
 * const pose = usePose({ source: cam.video });
 * return <><Webcam camera={cam} /><PoseOverlay poses={pose.poses} frameSize={pose.frameSize} /></>;
 * ```
 * Options are validated during render: an invalid one throws a `PoseOptionsError` naming the
 * allowed values.
 */
export function usePose(options: UsePoseOptions = {}): UsePoseResult {
  const { source = null, onPoses, ...rest } = options;
  const resolved = resolvePoseOptions(rest);
  const [engine] = useState(() => new PoseEngine(resolved));
  const { model, maxPoses, minScore, smoothing, maxFps, enabled } = resolved;
  useEffect(() => {
    engine.setOptions({ model, maxPoses, minScore, smoothing, maxFps, enabled });
  }, [engine, model, maxPoses, minScore, smoothing, maxFps, enabled]);

  const state = useTaskEngine(engine, source, onPoses && ((result: PoseResult) => onPoses(result.poses, result)));

  return useMemo(() => ({ ...state, subscribeResults: engine.subscribeResults, engine }), [state, engine]);
}
