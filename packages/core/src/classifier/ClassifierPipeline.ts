import { DenseHead, type TrainOptions } from './DenseHead';
import { resolveTrainOptions } from './denseTraining';
import type { StoredClass } from './Dataset';
import type { ResolvedClassifierOptions } from './classifierOptions';
import { fitEmbeddingSpace, type EmbeddingMetric, type EmbeddingSpace } from './embeddingSpace';
import { knnVote, type Neighbour } from './knn';
import { decide, unknownPrediction } from './predictions';
import { ClassifierError } from './ClassifierError';
import type { ClassifierPrediction, TrainingState } from './types';

/**
 * Embedding to prediction: a cosine KNN over the eligible examples (the neighbour list cached
 * until the examples change), or the trained dense head with `head: 'dense'`.
 */
export class ClassifierPipeline {
  private knn: { metric: EmbeddingMetric; space: EmbeddingSpace; neighbours: Neighbour[] } | null = null;
  private readonly head = new DenseHead();

  /** The examples changed: rebuild the neighbour list on the next prediction. */
  invalidate(): void {
    this.knn = null;
  }

  /** Forget the neighbours and the trained head (another dataset, or disposed). */
  reset(): void {
    this.knn = null;
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
    if (this.knn?.metric !== options.metric) this.knn = null;
    this.knn ??= buildNeighbours(classes, eligible, options.metric);
    const { space, neighbours } = this.knn;
    return decide(names, knnVote(space.project(embedding), neighbours, names.length, options.k), eligible, options.threshold, timestamp);
  }
}

/** The eligible classes' examples as KNN neighbours, in the space of `metric` fitted on them. */
function buildNeighbours(classes: readonly StoredClass[], eligible: readonly boolean[], metric: EmbeddingMetric) {
  let group = 0;
  const raw = classes.flatMap((c, classIndex) =>
    eligible[classIndex] ? c.examples.flatMap((e) => [e.embedding, ...(e.augmented ?? [])].map((embedding, i) => ({ classIndex, embedding, group: i === 0 ? ++group : group }))) : [],
  );
  const space = fitEmbeddingSpace(metric, raw.map((n) => n.embedding), raw.map((n) => n.group));
  return { metric, space, neighbours: raw.map((n) => ({ classIndex: n.classIndex, embedding: space.project(n.embedding) })) };
}
