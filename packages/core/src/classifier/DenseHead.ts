import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { ClassifierError } from './ClassifierError';
import type { StoredClass } from './Dataset';

/** How the dense head is trained. */
export interface TrainOptions {
  /**
   * Passes over the examples.
   * @default 30
   */
  epochs?: number;
  /**
   * Adam's learning rate.
   * @default 0.001
   */
  learningRate?: number;
  /**
   * Units of the hidden layer.
   * @default 64
   */
  hiddenUnits?: number;
  /** Called after each epoch. */
  onEpoch?: (epoch: number, loss: number) => void;
}

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

  /** @param backendGeneration the runtime backend's generation now (the model is rebuilt when it moves) */
  constructor(private readonly backendGeneration: () => number) {}

  get trained(): boolean {
    return this.weights.length > 0;
  }

  async train(classes: readonly StoredClass[], options: TrainOptions = {}): Promise<number> {
    const epochs = options.epochs ?? 30;
    const learningRate = options.learningRate ?? 0.001;
    const hiddenUnits = options.hiddenUnits ?? 64;
    const examples = classes.flatMap((c, label) => c.examples.map((e) => ({ label, embedding: e.embedding })));
    if (classes.length < 2 || examples.length === 0) {
      throw new ClassifierError('training', 'Training needs at least two classes with enough examples.');
    }
    const dimension = examples[0].embedding.length;
    const flat = new Float32Array(examples.length * dimension);
    examples.forEach((e, i) => flat.set(e.embedding, i * dimension));
    const labels = classes.map((c) => c.name);
    const model = this.build(dimension, hiddenUnits, classes.length);
    // model.dispose() does not free an optimizer it was compiled with: it is ours to dispose.
    const optimizer = tf.train.adam(learningRate);
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const xs = tf.tensor2d(flat, [examples.length, dimension]);
    const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(examples.map((e) => e.label), 'int32'), classes.length), 'float32'));
    let loss = NaN;
    try {
      await model.fit(xs, ys, {
        epochs,
        batchSize: Math.min(32, examples.length),
        shuffle: true,
        verbose: 0,
        callbacks: {
          onEpochEnd: (epoch, logs) => {
            loss = Number(logs?.loss ?? NaN);
            options.onEpoch?.(epoch + 1, loss);
          },
        },
      });
    } catch (error) {
      model.dispose();
      optimizer.dispose();
      throw new ClassifierError('training', `Training the dense head failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      xs.dispose();
      ys.dispose();
    }
    // Trained: the optimizer's state is no longer needed (predictions only run the layers).
    optimizer.dispose();
    this.model?.dispose();
    this.model = model;
    this.generation = this.backendGeneration();
    this.weights = model.getWeights().map((w) => ({ shape: w.shape, values: w.dataSync() as Float32Array }));
    this.config = { dimension, hiddenUnits, classes: classes.length };
    this.labels = labels;
    return loss;
  }

  /** Class probabilities of one unit-length embedding, in `labels` order. */
  async predict(embedding: Float32Array): Promise<Float32Array> {
    const model = this.current();
    const out = tf.tidy(() => tf.squeeze(model.predict(tf.tensor2d(embedding, [1, embedding.length])) as tf.Tensor));
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
    const tensors = this.weights.map((w) => tf.tensor(w.values, w.shape));
    model.setWeights(tensors);
    tensors.forEach((t) => t.dispose());
    this.model = model;
    this.generation = generation;
    return model;
  }
}
