import { useMemo } from 'react';
import { useTaskEngine, type TaskHandles } from '../shared/useTaskEngine';
import { HandsEngine, resolveHandsOptions } from '@webcam-ml/core/hands';
import type { HandsOptions, HandsResult, HandsState } from '@webcam-ml/core/hands';
import type { FrameSourceElement, Runtime } from '@webcam-ml/core/runtime';

export interface UseHandsOptions<T extends object = HandsState> extends HandsOptions {
  /**
   * Where frames come from: a video (for example `useWebcam().video`), an image or a canvas.
   * Nothing is processed while it is `null`, but the models already load.
   * @default null
   */
  source?: FrameSourceElement | null;
  /**
   * Called with every processed frame's result, without waiting for a React render: the place for
   * a game loop or canvas drawing. Read through a ref, so a new function each render costs nothing.
   * @default undefined
   */
  onResult?: (result: HandsResult) => void;
  /**
   * The part of the state this component reads; it re-renders only when that changes (shallowly).
   * `(s) => ({ status: s.status })` renders on status changes, not on every frame.
   * @default the whole state
   */
  select?: (state: HandsState) => T;
}

/** What `useHands` returns: the engine's (selected) state, plus ways to reach every frame. */
export type UseHandsResult<T extends object = HandsState> = T & TaskHandles<HandsEngine>;

const whole = (state: HandsState): HandsState => state;
const createEngine = (options: HandsOptions, runtime: Runtime) => new HandsEngine(options, runtime);

/**
 * Hand tracking on a video, image or canvas: up to `maxHands` hands, each with a stable `id`, the
 * person's `handedness`, 21 named keypoints in source pixels, world keypoints in metres and the
 * recognised `gestures`.
 *
 * ```tsx
 * const camera = useWebcam({ mirrored: true });
 * const { hands, frameSize } = useHands({ source: camera.video });
 * return <WebcamView webcam={camera}><HandOverlay hands={hands} frameSize={frameSize} /></WebcamView>;
 * ```
 * The options given each render are the whole truth (one left out takes its default). They are
 * validated during render: an invalid one throws a `HandsError` (`code: 'invalid-options'`)
 * naming the allowed values.
 */
export function useHands<T extends object = HandsState>(options: UseHandsOptions<T> = {}): UseHandsResult<T> {
  const { source = null, onResult, select, ...rest } = options;
  resolveHandsOptions(rest);
  const { engine, selected } = useTaskEngine(createEngine, rest, source, onResult, (select ?? whole) as (state: HandsState) => T);
  return useMemo(() => ({ ...selected, subscribeResults: engine.subscribeResults, engine }), [selected, engine]);
}
