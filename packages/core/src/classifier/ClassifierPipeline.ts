import { DenseHead, type TrainOptions } from './DenseHead';
import { resolveTrainOptions } from './denseTraining';
import type { StoredClass } from './Dataset';
import type { ResolvedClassifierOptions } from './classifierOptions';
import type { EmbeddingMetric } from './embeddingSpace';
import { knnVote } from './knn';
import { NeighbourIndex } from './neighbourIndex';
import { decide, unknownPrediction } from './predictions';
import { ClassifierError } from './ClassifierError';
import type { ClassifierPrediction, TrainingState } from './types';

/**
 * Embedding to prediction: a cosine KNN over the eligible examples (the neighbour list kept and
 * brought up to date as the examples change, `NeighbourIndex`), or the trained dense head with
 * `head: 'dense'`.
 */
export class ClassifierPipeline {
  private readonly knn: NeighbourIndex;
  private readonly head = new DenseHead();

  /** @param now The clock the neighbour index waits for the examples to rest by (tests pass their own). */
  constructor(now?: () => number) {
    this.knn = new NeighbourIndex(now);
  }

  /** The examples changed: bring the neighbour list up to date on the next prediction. */
  invalidate(): void {
    this.knn.changed();
  }

  /** Forget the neighbours and the trained head (another dataset, or disposed). */
  reset(): void {
    this.knn.reset();
    this.head.dispose();
  }

  /**
   * Train the dense head, reporting each step as a `TrainingState` (training, then trained or
   * error); rejects with a `ClassifierError` (`training`) when it fails.
   */
  async train(classes: readonly StoredClass[], options: TrainOptions, metric: EmbeddingMetric, report: (training: TrainingState) => void): Promise<void> {
    let epochs = options.epochs ?? 0;
    try {
      epochs = resolveTrainOptions(options).epochs;
      report({ status: 'training', epoch: 0, epochs, loss: null, error: null, heldOut: null });
      const { loss, heldOut } = await this.head.train(
        classes,
        {
          ...options,
          onEpoch: (epoch, loss) => {
            report({ status: 'training', epoch, epochs, loss, error: null, heldOut: null });
            options.onEpoch?.(epoch, loss);
          },
        },
        metric,
      );
      report({ status: 'trained', epoch: heldOut.bestEpoch, epochs, loss, error: null, heldOut });
    } catch (error) {
      const failure = error instanceof ClassifierError ? error : new ClassifierError('training', String(error), { cause: error });
      report({ status: 'error', epoch: 0, epochs, loss: null, error: failure, heldOut: null });
      throw failure;
    }
  }

  async predict(
    classes: readonly StoredClass[],
    eligible: readonly boolean[],
    embedding: Float32Array | null,
    options: Pick<ResolvedClassifierOptions, 'head' | 'k' | 'threshold' | 'metric'>,
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
    const { space, neighbours } = this.knn.neighbours(classes, eligible, options.metric);
    return decide(names, knnVote(space.project(embedding), neighbours, names.length, options.k), eligible, options.threshold, timestamp);
  }
}
