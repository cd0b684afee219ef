import { ClassifierError } from './ClassifierError';
import type { StoredClass } from './Dataset';
import { denseProbabilities, fitDense, type DenseRows, type DenseWeights } from './denseFit';
import { classWeights, resolveTrainOptions, splitExamples, type HeldOutReport, type TrainOptions } from './denseTraining';
import { fitEmbeddingSpace, type EmbeddingMetric, type EmbeddingSpace } from './embeddingSpace';
import { spanBasis } from './spanBasis';

export type { HeldOutReport, TrainOptions } from './denseTraining';

/**
 * A small dense network (embedding → hidden ReLU → softmax) trained in the browser on the
 * examples (`denseFit.ts`, on the TF.js backend). Its weights live on the CPU and it predicts
 * there: a lost WebGL context or a backend switch loses nothing, and a prediction needs no tensor.
 */
export class DenseHead {
  private weights: DenseWeights | null = null;
  /** The class names in output order, at training time. */
  labels: string[] = [];
  /** The embedding space fitted at training time (inputs are projected into it). */
  private space: EmbeddingSpace = fitEmbeddingSpace('cosine', []);

  get trained(): boolean {
    return this.weights !== null;
  }

  /**
   * Train on the classes' examples and their augmented copies, in the space of `metric` fitted on
   * the training rows; stops early when the held-out share's loss has not improved for `patience`
   * epochs and keeps the best epoch's weights. Resolves with the last training loss and the
   * held-out report.
   */
  async train(classes: readonly StoredClass[], options: TrainOptions = {}, metric: EmbeddingMetric = 'cosine'): Promise<{ loss: number; heldOut: HeldOutReport }> {
    const o = resolveTrainOptions(options);
    if (classes.length < 2 || classes.some((c) => c.examples.length === 0)) {
      throw new ClassifierError('training', 'Training needs at least two classes with enough examples.');
    }
    const { train, heldOut } = splitExamples(classes, o.validationShare);
    const fitted = fitEmbeddingSpace(metric, train.map((r) => r.embedding), train.map((r) => r.group));
    // Trained on coordinates in the span of its rows when they are fewer than the numbers (the
    // same network, a fraction of the work: 5120-number image embeddings took 2 s, spanBasis.ts).
    const coordinates = spanBasis(train.map((r) => fitted.project(r.embedding)));
    const space: EmbeddingSpace = coordinates ? { metric, project: (e) => coordinates(fitted.project(e)) } : fitted;
    const dimension = coordinates ? space.project(train[0].embedding).length : train[0].embedding.length;
    const rows = (list: typeof train): DenseRows => {
      const x = new Float32Array(list.length * dimension);
      list.forEach((r, i) => x.set(space.project(r.embedding), i * dimension));
      return { x, labels: Int32Array.from(list, (r) => r.label) };
    };
    const weightOf = classWeights(train, classes.length, o.balanceClasses);
    const fit = await fitDense(rows(train), heldOut.length ? rows(heldOut) : null, dimension, classes.length, {
      epochs: o.epochs,
      learningRate: o.learningRate,
      hiddenUnits: o.hiddenUnits,
      patience: o.patience,
      batchSize: Math.min(32, train.length),
      classWeight: classes.map((_, i) => weightOf[i]),
      seed: train.length * 31 + dimension,
      onEpoch: o.onEpoch,
    }).catch((error: unknown) => {
      throw new ClassifierError('training', `Training the dense head failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    this.weights = fit.weights;
    this.labels = classes.map((c) => c.name);
    this.space = space;
    return { loss: fit.loss, heldOut: this.report(heldOut, this.labels, fit.bestEpoch) };
  }

  /** How the head does on the held-out rows, per class. */
  private report(rows: readonly { label: number; embedding: Float32Array }[], labels: string[], bestEpoch: number): HeldOutReport {
    const right = labels.map(() => 0);
    const count = labels.map(() => 0);
    for (const r of rows) {
      const p = this.probabilities(r.embedding);
      count[r.label] += 1;
      if (p.indexOf(Math.max(...p)) === r.label) right[r.label] += 1;
    }
    const total = count.reduce((a, b) => a + b, 0);
    return {
      accuracy: total ? right.reduce((a, b) => a + b, 0) / total : null,
      perClass: labels.map((label, i) => ({ label, count: count[i], accuracy: count[i] ? right[i] / count[i] : null })),
      bestEpoch,
    };
  }

  /** Class probabilities of one unit-length embedding, in `labels` order. */
  predict(embedding: Float32Array): Promise<Float32Array> {
    return Promise.resolve(this.probabilities(embedding));
  }

  dispose(): void {
    this.weights = null;
    this.labels = [];
  }

  private probabilities(embedding: Float32Array): Float32Array {
    if (!this.weights) throw new ClassifierError('invalid-action', 'The dense head is not trained.');
    return denseProbabilities(this.weights, this.space.project(embedding));
  }
}
