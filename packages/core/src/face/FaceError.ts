import { CodedError } from '../errors/CodedError';

/** What went wrong, as a value callers can switch on. */
export const FaceErrorCode = {
  /** An option has a value outside what it accepts; the message names the allowed values. */
  InvalidOptions: 'invalid-options',
  /** A face-api model failed to load or to warm up. */
  ModelLoad: 'model-load',
  /** Inference on a frame failed. */
  Inference: 'inference',
  /** A labelled face set (JSON) is malformed; nothing was changed. */
  InvalidFaceSet: 'invalid-face-set',
  /** The action does not apply now (no face in the image, an unknown label, no descriptor). */
  InvalidAction: 'invalid-action',
} as const;
export type FaceErrorCode = (typeof FaceErrorCode)[keyof typeof FaceErrorCode];

/** The typed error every face failure is reported as. */
export class FaceError extends CodedError<FaceErrorCode> {
  override readonly name = 'FaceError';
}
