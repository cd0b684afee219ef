import type { BackendName, Frame, LoadProgress } from '../../runtime/contracts';
import type { Runtime } from '../../runtime/Runtime';
import type { AugmentView } from '../augmentation';
import type { ExtractContext } from '../types';

/** An extractor's loading state, mirrored into the classifier's state. */
export interface ExtractorStatus {
  status: 'loading' | 'ready' | 'recovering' | 'error';
  progress: LoadProgress;
  error: Error | null;
  backend: BackendName | null;
}

/**
 * A live feature extractor: created (resources acquired) by `describeFeatures(...).create()`,
 * given back with `release()`. `extract` returns the raw (unnormalised) embedding, or `null` when
 * the frame holds nothing to embed (no person, no face).
 */
export interface FeatureExtractor {
  readonly id: string;
  /** Embedding size; `null` for a custom extractor until its first embedding. */
  readonly dimension: number | null;
  subscribe(listener: () => void): () => void;
  getSnapshot(): ExtractorStatus;
  /** Resolves once the extractor can run (rejects with its load error). */
  ready(): Promise<void>;
  extract(frame: Frame, context: ExtractContext): Promise<Float32Array | null>;
  /**
   * Raw embeddings of altered copies of `frame` (one per view), given the frame's own raw
   * `embedding`. Absent when the features cannot be augmented (a custom extractor): examples are
   * then learnt as they are.
   */
  augment?(frame: Frame, context: ExtractContext, views: readonly AugmentView[], embedding: Float32Array): Promise<Float32Array[]>;
  release(): void;
  /** Load a failed model again (even while others hold it). */
  retry?(): void;
}

/** What is known about the features before anything is loaded. */
export interface FeatureDescriptor {
  /** Saved with datasets; a dataset imports only into a classifier with the same id. */
  id: string;
  dimension: number | null;
  create(runtime: Runtime): FeatureExtractor;
}

export const READY: ExtractorStatus = Object.freeze({ status: 'ready', progress: { loaded: 0, total: 0 }, error: null, backend: null });
