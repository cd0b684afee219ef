/**
 * The classifier's messages to and from its worker engine (`executor/protocol.ts` carries them as
 * task calls): the dataset mirrored from the main side, direct embeddings, the dense head's
 * training, and what a frame's result brings besides the prediction. Plain, cloneable data.
 */
import { reviveError, serializeError, type SerializedError } from '../executor/protocol';
import { ClassifierError, type ClassifierErrorCode } from './ClassifierError';
import type { TrainOptions } from './denseTraining';
import type { ClassifierPrediction, TrainingState } from './types';

/** An example as it crosses to the worker: no thumbnail (the UI's copy stays on the main side). */
export interface WireExample {
  id: string;
  embedding: Float32Array;
  augmented?: Float32Array[];
}

/** The training state as data (its error serialised). */
export type WireTraining = Omit<TrainingState, 'error'> & { error: SerializedError | null };

export type ClassifierCall =
  /**
   * The dataset as the main side has it: the classes with their example ids in order, the
   * examples the worker does not have yet, the embedding size, the class being recorded, and the
   * ids of examples the worker recorded that the main side has dealt with (kept or dropped).
   */
  | { op: 'sync'; classes: { name: string; ids: string[] }[]; examples: WireExample[]; dimension: number | null; recording: string | null; settled: string[] }
  /** Embed the call's frame (with augmented copies when `augment`): `addExample`, `embed`. */
  | { op: 'embed'; augment: boolean }
  /** `classifyEmbedding`: the KNN or the trained dense head on an embedding. */
  | { op: 'classify'; embedding: Float32Array; timestamp: number }
  /** Train the dense head on the mirrored examples (progress: `TrainProgress`). */
  | { op: 'train'; options: Omit<TrainOptions, 'onEpoch'> };

interface Replies {
  sync: null;
  embed: { embedding: Float32Array; augmented: Float32Array[]; dimension: number } | null;
  classify: ClassifierPrediction;
  train: WireTraining;
}

/** What a classifier call resolves with. */
export type ClassifierReply<Call extends ClassifierCall> = Replies[Call['op']];

/** Progress of a `train` call: each training state of the worker engine, and each epoch for `onEpoch`. */
export type TrainProgress = { training: WireTraining } | { epoch: number; loss: number };

/** What a classifier result from the worker carries besides the prediction (taken off on the main side). */
export interface ClassifierWorkerExtras {
  timings: { embedMs: number; classifyMs: number };
  nothingToRecord: boolean;
  extractor: { id: string; dimension: number | null };
  /** Examples the frame was recorded as: the main side keeps them (with a thumbnail) or drops them. */
  recorded: (WireExample & { label: string })[];
}

/** A classifier error that crossed the boundary, as a `ClassifierError` again (`instanceof` works). */
export function toClassifierError(error: unknown): unknown {
  if (error instanceof ClassifierError || !(error instanceof Error) || error.name !== 'ClassifierError') return error;
  const code = (error as Error & { code?: string }).code as ClassifierErrorCode | undefined;
  return new ClassifierError(code ?? 'inference', error.message);
}

export function wireTraining(training: TrainingState): WireTraining {
  return { ...training, error: training.error ? serializeError(training.error) : null };
}

export function unwireTraining(training: WireTraining): TrainingState {
  return { ...training, error: training.error ? (toClassifierError(reviveError(training.error)) as ClassifierError) : null };
}
