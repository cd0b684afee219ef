import { CodedError } from '../errors/CodedError';

/** What went wrong, as a value callers can switch on. */
export const ClassifierErrorCode = {
  /** An option has a value outside what it accepts; the message names the allowed values. */
  InvalidOptions: 'invalid-options',
  /** Classifying a frame failed (the dense head, a thumbnail, the Teachable Machine model). */
  Inference: 'inference',
  /** The dataset file is not JSON, not our format, or has a field of the wrong type. */
  InvalidDataset: 'invalid-dataset',
  /** The file's format version is newer than this library reads. */
  UnsupportedVersion: 'unsupported-version',
  /** The file was made with another feature extractor (or another embedding size). */
  ExtractorMismatch: 'extractor-mismatch',
  /** The file's frames were mirrored and ours are not, or the reverse. */
  MirrorMismatch: 'mirror-mismatch',
  /** The browser's storage quota is full; the dataset is still in memory. */
  QuotaExceeded: 'quota-exceeded',
  /** IndexedDB failed for another reason (private mode, blocked, corrupt). */
  Storage: 'storage',
  /** The feature extractor's model or engine failed to load or run. */
  Extractor: 'extractor',
  /** A Teachable Machine export could not be loaded. */
  TeachableMachine: 'teachable-machine',
  /** The action does not apply now (unknown class, a read-only model, no frame yet). */
  InvalidAction: 'invalid-action',
  /** Training the dense head failed. */
  Training: 'training',
} as const;
export type ClassifierErrorCode = (typeof ClassifierErrorCode)[keyof typeof ClassifierErrorCode];

/** The typed error every classifier failure is reported as. */
export class ClassifierError extends CodedError<ClassifierErrorCode> {
  override readonly name = 'ClassifierError';
}

/** Any failure of a frame's classification as a `ClassifierError` (typed errors pass as they are). */
export function classifierInferenceError(error: unknown): Error {
  if (error instanceof ClassifierError || (error instanceof Error && /Error$/.test(error.name) && error.name !== 'Error')) return error;
  return new ClassifierError('inference', `Classifying the frame failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
