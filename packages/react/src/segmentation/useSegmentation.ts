import { useEffect, useMemo, useState } from 'react';
import { useTaskEngine } from '../shared/useTaskEngine';
import { SegmentationEngine, resolveSegmentationOptions } from '@webcam-ml/core/segmentation';
import type { SegmentationMask, SegmentationOptions, SegmentationResult, SegmentationState } from '@webcam-ml/core/segmentation';
import type { FrameSourceElement } from '@webcam-ml/core/runtime';

export interface UseSegmentationOptions extends SegmentationOptions {
  /**
   * Where frames come from: a video (for example `useWebcam().video`), an image or a canvas.
   * Nothing is processed while it is `null`, but the model already loads.
   * @default null
   */
  source?: FrameSourceElement | null;
  /**
   * Called with every processed frame's mask, without waiting for a React render: the place for
   * canvas drawing. Read through a ref, so a new function each render costs nothing.
   * @default undefined
   */
  onMask?: (mask: SegmentationMask, result: SegmentationResult) => void;
}

/** What `useSegmentation` returns: the engine's state (with the latest `mask`), plus ways to reach every frame. */
export interface UseSegmentationResult extends SegmentationState {
  /** Listen to every frame's mask without re-rendering (a compositor, a canvas). */
  subscribeResults: SegmentationEngine['subscribeResults'];
  /** The engine behind the hook (`estimate` on a still, `reset`); the same object for the hook's life. */
  engine: SegmentationEngine;
}

/**
 * Person segmentation on a video, image or canvas (MediaPipe Selfie Segmentation, self-hosted).
 *
 * ```tsx
 * const cam = useWebcam({ mirrored: true });
 * const { mask, status } = useSegmentation({ source: cam.video });
 * ```
 * Options are validated during render: an invalid one throws a `SegmentationError` (code
 * `'invalid-options'`) naming the allowed values.
 */
export function useSegmentation(options: UseSegmentationOptions = {}): UseSegmentationResult {
  const { source = null, onMask, ...rest } = options;
  const resolved = resolveSegmentationOptions(rest);
  const [engine] = useState(() => new SegmentationEngine(resolved));
  const { model, threshold, smoothing, mirrored, maxFps, enabled } = resolved;
  useEffect(() => {
    engine.setOptions({ model, threshold, smoothing, mirrored, maxFps, enabled });
  }, [engine, model, threshold, smoothing, mirrored, maxFps, enabled]);

  const state = useTaskEngine(engine, source, onMask && ((result: SegmentationResult) => onMask(result.mask, result)));

  return useMemo(() => ({ ...state, subscribeResults: engine.subscribeResults, engine }), [state, engine]);
}
