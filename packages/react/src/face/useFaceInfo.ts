import { useMemo } from 'react';
import { useTaskEngine, type TaskHandles } from '../shared/useTaskEngine';
import { FaceEngine, resolveFaceOptions } from '@webcam-ml/core/face';
import type { FaceEngineOptions, FaceEngineState, FaceResult } from '@webcam-ml/core/face';
import type { FrameSourceElement, Runtime } from '@webcam-ml/core/runtime';

/** Options of {@link useFaceInfo}: the engine's options plus where frames come from. */
export interface UseFaceInfoOptions<T extends object = FaceEngineState> extends FaceEngineOptions {
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
  /**
   * The part of the state this component reads; it re-renders only when that changes (shallowly).
   * @default the whole state
   */
  select?: (state: FaceEngineState) => T;
}

/** What {@link useFaceInfo} returns: the engine's (selected) state plus ways to reach every frame. */
export type UseFaceInfoResult<T extends object = FaceEngineState> = T & TaskHandles<FaceEngine>;

const whole = (state: FaceEngineState): FaceEngineState => state;
const createEngine = (options: FaceEngineOptions, runtime: Runtime) => new FaceEngine(options, runtime);

/**
 * Faces in a video, image or canvas: boxes, landmarks, age and gender, expressions and
 * optional descriptors, with stable ids and smoothing. A thin adapter over `FaceEngine`. The
 * options given each render are the whole truth: one left out takes its default, and the nets it
 * needed are released.
 *
 * ```tsx
 * const cam = useWebcam();
 * const { faces, status } = useFaceInfo({ source: cam.video });
 * ```
 */
export function useFaceInfo<T extends object = FaceEngineState>(options: UseFaceInfoOptions<T> = {}): UseFaceInfoResult<T> {
  const { source = null, onResult, select, ...engineOptions } = options;
  // Validate in render so a bad option reaches the error boundary with its message.
  resolveFaceOptions(engineOptions);
  const { engine, selected } = useTaskEngine(createEngine, engineOptions, source, onResult, (select ?? whole) as (state: FaceEngineState) => T);
  return useMemo(() => ({ ...selected, engine, subscribeResults: engine.subscribeResults }), [selected, engine]);
}
