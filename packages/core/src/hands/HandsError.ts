import { CodedError } from '../errors/CodedError';

/** What went wrong with hand tracking, as a value callers can switch on. */
export type HandsErrorCode = 'invalid-options' | 'inference';

/** The typed error every hand-tracking failure is reported as (model files fail with `ModelLoadError`). */
export class HandsError extends CodedError<HandsErrorCode> {
  override readonly name = 'HandsError';
}

/** Any failure of an inference, as a `HandsError` with code `'inference'`. */
export function handsInferenceError(error: unknown): Error {
  if (error instanceof HandsError || (error instanceof Error && error.name === 'ModelLoadError')) return error;
  return new HandsError('inference', `hands: inference failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
