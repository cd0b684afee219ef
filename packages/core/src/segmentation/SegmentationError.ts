import { CodedError } from '../errors/CodedError';

/** What went wrong, as a value callers can switch on. */
export const SegmentationErrorCode = {
  /** An option has a value outside what it accepts; the message names the allowed values. */
  InvalidOptions: 'invalid-options',
  /** Inference on a frame failed. */
  Inference: 'inference',
  /** The chosen compositor cannot run here (no WebGL2 context, no 2d context). */
  CompositorUnavailable: 'compositor-unavailable',
} as const;
export type SegmentationErrorCode = (typeof SegmentationErrorCode)[keyof typeof SegmentationErrorCode];

/** The typed error every segmentation failure is reported as (model files fail with `ModelLoadError`). */
export class SegmentationError extends CodedError<SegmentationErrorCode> {
  override readonly name = 'SegmentationError';
}

/** Any failure of an inference, as a `SegmentationError` with code `'inference'`. */
export function segmentationInferenceError(error: unknown): Error {
  if (error instanceof SegmentationError || (error instanceof Error && error.name === 'ModelLoadError')) return error;
  return new SegmentationError('inference', `segmentation: inference failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
