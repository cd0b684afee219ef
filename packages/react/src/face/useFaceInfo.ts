import { useEffect, useMemo, useState } from 'react';
import { useTaskEngine } from '../shared/useTaskEngine';
import { FaceEngine, resolveFaceOptions } from '@webcam-ml/core/face';
import type { FaceEngineOptions, FaceEngineState, FaceResult } from '@webcam-ml/core/face';
import type { FrameSourceElement } from '@webcam-ml/core/runtime';

/** Options of {@link useFaceInfo}: the engine's options plus where frames come from. */
export interface UseFaceInfoOptions extends FaceEngineOptions {
  /**
   * The element frames are read from: `useWebcam().video`, an `<img>`, a `<canvas>`. Nothing runs
   * while it is null.
   * @default null
   */
  source?: FrameSourceElement | null;
  /**
   * Called with every estimated frame, without a React render (read through a ref, so a new
   * function each render is fine).
   * @default undefined
   */
  onResult?: (result: FaceResult) => void;
}

/** What {@link useFaceInfo} returns: the engine's state plus ways to reach every frame. */
export interface UseFaceInfoResult extends FaceEngineState {
  /** Listen to every frame without re-rendering (drawing on a canvas, counting). */
  subscribeResults: (listener: (result: FaceResult) => void) => () => void;
  /** The engine, for `estimate` on a still image or a `FaceMatcher` workflow. */
  engine: FaceEngine;
}

/**
 * Faces in a video, image or canvas: boxes, landmarks, age and gender, expressions and
 * optional descriptors, with stable ids and smoothing. A thin adapter over `FaceEngine`.
 *
 * ```tsx
 * const cam = useWebcam();
 * const { faces, status } = useFaceInfo({ source: cam.video });
 * ```
 */
export function useFaceInfo(options: UseFaceInfoOptions = {}): UseFaceInfoResult {
  const { source = null, onResult, ...engineOptions } = options;
  // Validate in render so a bad option reaches the error boundary with its message.
  resolveFaceOptions(engineOptions);
  const [engine] = useState(() => new FaceEngine(engineOptions));
  const { detector, inputSize, scoreThreshold, maxFaces, withLandmarks, withExpressions, withAgeAndGender, withDescriptors, smoothing, maxFps, enabled } =
    engineOptions;
  useEffect(() => {
    engine.setOptions({ detector, inputSize, scoreThreshold, maxFaces, withLandmarks, withExpressions, withAgeAndGender, withDescriptors, smoothing, maxFps, enabled });
  }, [engine, detector, inputSize, scoreThreshold, maxFaces, withLandmarks, withExpressions, withAgeAndGender, withDescriptors, smoothing, maxFps, enabled]);

  const state = useTaskEngine(engine, source, onResult);

  return useMemo(() => ({ ...state, engine, subscribeResults: engine.subscribeResults }), [state, engine]);
}
