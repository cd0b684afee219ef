/**
 * The base of every typed webcam-ml error: a `code` to switch on, a message a person can act on,
 * and the underlying failure as `cause`. `CameraError`, `FaceError` and `ClassifierError` extend it.
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
