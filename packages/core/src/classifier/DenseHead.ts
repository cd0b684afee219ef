import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { ClassifierError } from './ClassifierError';
import type { StoredClass } from './Dataset';
import { classWeights, resolveTrainOptions, splitExamples, type HeldOutReport, type TrainOptions } from './denseTraining';
import { fitEmbeddingSpace, type EmbeddingMetric, type EmbeddingSpace } from './embeddingSpace';

export type { HeldOutReport, TrainOptions } from './denseTraining';

interface CpuWeights {
  shape: number[];
  values: Float32Array;
}

/**
 * A small dense network (embedding → hidden ReLU → softmax) trained in the browser on the
 * examples. Its weights are copied to the CPU after training, so a lost WebGL context (a new
 * backend generation) rebuilds it instead of losing it.
 */
export class DenseHead {
  private model: Sequential | null = null;
  private generation = -1;
  private weights: CpuWeights[] = [];
  private config = { dimension: 0, hiddenUnits: 64, classes: 0 };
  /** The class names in output order, at training time. */
  labels: string[] = [];
  /** The embedding space fitted at training time (inputs are projected into it). */
  private space: EmbeddingSpace = fitEmbeddingSpace('cosine', []);

  /** @param backendGeneration the runtime backend's generation now (the model is rebuilt when it moves) */
  constructor(private readonly backendGeneration: () => number) {}

  get trained(): boolean {
    return this.weights.length > 0;
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
    const space = fitEmbeddingSpace(metric, train.map((r) => r.embedding));
    const dimension = train[0].embedding.length;
    const tensors = (rows: typeof train) => {
      const flat = new Float32Array(rows.length * dimension);
      rows.forEach((r, i) => flat.set(space.project(r.embedding), i * dimension));
      const xs = tf.tensor2d(flat, [rows.length, dimension]);
      const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(rows.map((r) => r.label), 'int32'), classes.length), 'float32'));
      return [xs, ys] as const;
    };
    const labels = classes.map((c) => c.name);
    const model = this.build(dimension, o.hiddenUnits, classes.length);
    // model.dispose() does not free an optimizer it was compiled with: it is ours to dispose.
    const optimizer = tf.train.adam(o.learningRate);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const [xs, ys] = tensors(train);
    const validation = heldOut.length ? tensors(heldOut) : null;
    let loss = NaN;
    let best = { loss: Infinity, epoch: 0, weights: null as CpuWeights[] | null };
    let ran = 0;
    try {
      await model.fit(xs, ys, {
        epochs: o.epochs,
        batchSize: Math.min(32, train.length),
        shuffle: true,
        verbose: 0,
        classWeight: classWeights(train, classes.length, o.balanceClasses),
        ...(validation ? { validationData: [validation[0], validation[1]] as [tf.Tensor, tf.Tensor] } : {}),
        callbacks: {
          onEpochEnd: (epoch, logs) => {
            ran = epoch + 1;
            loss = Number(logs?.loss ?? NaN);
            const watched = validation ? Number(logs?.val_loss ?? NaN) : loss;
            if (watched < best.loss) best = { loss: watched, epoch: epoch + 1, weights: validation ? cpuWeights(model) : null };
            else if (validation && epoch + 1 - best.epoch >= o.patience) model.stopTraining = true;
            o.onEpoch?.(epoch + 1, loss);
          },
        },
      });
      if (best.weights) setCpuWeights(model, best.weights);
    } catch (error) {
      model.dispose();
      optimizer.dispose();
      throw new ClassifierError('training', `Training the dense head failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      xs.dispose();
      ys.dispose();
      validation?.forEach((t) => t.dispose());
    }
    // Trained: the optimizer's state is no longer needed (predictions only run the layers).
    optimizer.dispose();
    this.model?.dispose();
    this.model = model;
    this.generation = this.backendGeneration();
    this.weights = cpuWeights(model);
    this.config = { dimension, hiddenUnits: o.hiddenUnits, classes: classes.length };
    this.labels = labels;
    this.space = space;
    // With nothing held out every epoch runs and the last one's weights are kept.
    const report = await this.report(heldOut, labels, validation ? best.epoch : ran);
    return { loss, heldOut: report };
  }

  /** How the head does on the held-out rows, per class. */
  private async report(rows: readonly { label: number; embedding: Float32Array }[], labels: string[], bestEpoch: number): Promise<HeldOutReport> {
    const right = labels.map(() => 0);
    const count = labels.map(() => 0);
    for (const r of rows) {
      const p = await this.predict(r.embedding);
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
  async predict(embedding: Float32Array): Promise<Float32Array> {
    const model = this.current();
    const projected = this.space.project(embedding);
    const out = tf.tidy(() => tf.squeeze(model.predict(tf.tensor2d(projected, [1, projected.length])) as tf.Tensor));
    try {
      return new Float32Array(await out.data());
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
    this.weights = [];
    this.labels = [];
  }

  private build(dimension: number, hiddenUnits: number, classes: number): Sequential {
    return sequential({
      layers: [
        layers.dense({ inputShape: [dimension], units: hiddenUnits, activation: 'relu' }),
        layers.dense({ units: classes, activation: 'softmax' }),
      ],
    });
  }

  /** The model on the current backend generation, rebuilt from the CPU weights after a context loss. */
  private current(): Sequential {
    const generation = this.backendGeneration();
    if (this.model && this.generation === generation) return this.model;
    if (!this.trained) throw new ClassifierError('invalid-action', 'The dense head is not trained.');
    // The old model's data died with the context, but TF.js still counts its tensors: dispose
    // them (which may throw on the lost backend) so each context loss does not leave them behind.
    try {
      this.model?.dispose();
    } catch {
      // Already gone with the old backend.
    }
    this.model = null;
    const { dimension, hiddenUnits, classes } = this.config;
    const model = this.build(dimension, hiddenUnits, classes);
    setCpuWeights(model, this.weights);
    this.model = model;
    this.generation = generation;
    return model;
  }
}

/** A copy of the model's weights on the CPU. */
function cpuWeights(model: Sequential): CpuWeights[] {
  return model.getWeights().map((w) => ({ shape: w.shape, values: w.dataSync() as Float32Array }));
}

function setCpuWeights(model: Sequential, weights: readonly CpuWeights[]): void {
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape));
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}
