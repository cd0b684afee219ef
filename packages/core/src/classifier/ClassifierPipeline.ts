import { DenseHead, type TrainOptions } from './DenseHead';
import type { StoredClass } from './Dataset';
import type { ResolvedClassifierOptions } from './classifierOptions';
import { knnVote, type Neighbour } from './knn';
import { decide, unknownPrediction } from './predictions';
import { ClassifierError } from './ClassifierError';
import type { ClassifierPrediction, TrainingState } from './types';

/**
 * Embedding to prediction: a cosine KNN over the eligible examples (the neighbour list cached
 * until the examples change), or the trained dense head with `head: 'dense'`.
 */
export class ClassifierPipeline {
  private neighbours: Neighbour[] | null = null;
  private readonly head: DenseHead;

  constructor(backendGeneration: () => number) {
    this.head = new DenseHead(backendGeneration);
  }

  /** The examples changed: rebuild the neighbour list on the next prediction. */
  invalidate(): void {
    this.neighbours = null;
  }

  /** Forget the neighbours and the trained head (another dataset, or disposed): frees its tensors. */
  reset(): void {
    this.neighbours = null;
    this.head.dispose();
  }

  /**
   * Train the dense head, reporting each step as a `TrainingState` (training, then trained or
   * error); rejects with a `ClassifierError` (`training`) when it fails.
   */
  async train(classes: readonly StoredClass[], options: TrainOptions, report: (training: TrainingState) => void): Promise<void> {
    const epochs = options.epochs ?? 30;
    report({ status: 'training', epoch: 0, epochs, loss: null, error: null });
    try {
      const loss = await this.head.train(classes, {
        ...options,
        onEpoch: (epoch, loss) => {
          report({ status: 'training', epoch, epochs, loss, error: null });
          options.onEpoch?.(epoch, loss);
        },
      });
      report({ status: 'trained', epoch: epochs, epochs, loss, error: null });
    } catch (error) {
      const failure = error instanceof ClassifierError ? error : new ClassifierError('training', String(error), { cause: error });
      report({ status: 'error', epoch: 0, epochs, loss: null, error: failure });
      throw failure;
    }
  }

  async predict(
    classes: readonly StoredClass[],
    eligible: readonly boolean[],
    embedding: Float32Array | null,
    options: Pick<ResolvedClassifierOptions, 'head' | 'k' | 'threshold'>,
    timestamp: number,
  ): Promise<ClassifierPrediction> {
    const names = classes.map((c) => c.name);
    if (!embedding) return unknownPrediction(names, new Float32Array(names.length), 'no-features', timestamp);
    if (!eligible.some(Boolean)) return unknownPrediction(names, new Float32Array(names.length), 'too-few-examples', timestamp);
    if (options.head === 'dense' && this.head.trained) {
      const probabilities = await this.head.predict(embedding);
      const scores = new Float32Array(names.length);
      this.head.labels.forEach((label, i) => {
        const index = names.indexOf(label);
        if (index >= 0) scores[index] = probabilities[i];
      });
      return decide(names, scores, eligible, options.threshold, timestamp);
    }
    this.neighbours ??= classes.flatMap((c, classIndex) => (eligible[classIndex] ? c.examples.map((e) => ({ classIndex, embedding: e.embedding })) : []));
    return decide(names, knnVote(embedding, this.neighbours, names.length, options.k), eligible, options.threshold, timestamp);
  }
}
