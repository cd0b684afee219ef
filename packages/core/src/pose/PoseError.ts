import { CodedError } from '../errors/CodedError';

/** What went wrong with pose tracking, as a value callers can switch on. */
export type PoseErrorCode = 'invalid-options' | 'inference';

/** The typed error every pose failure is reported as (model files fail with `ModelLoadError`). */
export class PoseError extends CodedError<PoseErrorCode> {
  override readonly name: string = 'PoseError';
}

/** An option was given a value it cannot take (`code: 'invalid-options'`); the message names the allowed values. */
export class PoseOptionsError extends PoseError {
  override readonly name = 'PoseOptionsError';

  constructor(message: string) {
    super('invalid-options', message);
  }
}

/** Any failure of an inference, as a `PoseError` with code `'inference'`. */
export function poseInferenceError(error: unknown): Error {
  if (error instanceof PoseError || (error instanceof Error && error.name === 'ModelLoadError')) return error;
  return new PoseError('inference', `pose: inference failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
