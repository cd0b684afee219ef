import { useMemo } from 'react';
import { useTaskEngine, type TaskHandles } from '../shared/useTaskEngine';
import { SegmentationEngine, resolveSegmentationOptions } from '@webcam-ml/core/segmentation';
import type { SegmentationOptions, SegmentationResult, SegmentationState } from '@webcam-ml/core/segmentation';
import type { FrameSourceElement, Runtime } from '@webcam-ml/core/runtime';

export interface UseSegmentationOptions<T extends object = SegmentationState> extends SegmentationOptions {
  /**
   * Where frames come from: a video (for example `useWebcam().video`), an image or a canvas.
   * Nothing is processed while it is `null`, but the model already loads.
   * @default null
   */
  source?: FrameSourceElement | null;
  /**
   * Called with every processed frame's result (its `mask`), without waiting for a React render:
   * the place for canvas drawing. Read through a ref, so a new function each render costs nothing.
   * @default undefined
   */
  onResult?: (result: SegmentationResult) => void;
  /**
   * The part of the state this component reads; it re-renders only when that changes (shallowly).
   * `(s) => ({ status: s.status })` renders on status changes, not on every frame's mask.
   * @default the whole state
   */
  select?: (state: SegmentationState) => T;
}

/** What `useSegmentation` returns: the engine's (selected) state, with the latest `mask`, plus ways to reach every frame. */
export type UseSegmentationResult<T extends object = SegmentationState> = T & TaskHandles<SegmentationEngine>;

const whole = (state: SegmentationState): SegmentationState => state;
const createEngine = (options: SegmentationOptions, runtime: Runtime) => new SegmentationEngine(options, runtime);

/**
 * Person segmentation on a video, image or canvas (MediaPipe Selfie Segmentation, self-hosted).
 *
 * ```tsx
 * const cam = useWebcam({ mirrored: true });
 * const { mask, status } = useSegmentation({ source: cam.video });
 * ```
 * The options given each render are the whole truth (one left out takes its default). They are
 * validated during render: an invalid one throws a `SegmentationError` (`code: 'invalid-options'`)
 * naming the allowed values.
 */
export function useSegmentation<T extends object = SegmentationState>(options: UseSegmentationOptions<T> = {}): UseSegmentationResult<T> {
  const { source = null, onResult, select, ...rest } = options;
  resolveSegmentationOptions(rest);
  const { engine, selected } = useTaskEngine(createEngine, rest, source, onResult, (select ?? whole) as (state: SegmentationState) => T);
  return useMemo(() => ({ ...selected, subscribeResults: engine.subscribeResults, engine }), [selected, engine]);
}
