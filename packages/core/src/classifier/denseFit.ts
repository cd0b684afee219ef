import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from './augmentation';

/** The dense head's weights on the CPU: embedding → hidden ReLU → softmax. Row-major, [in, out]. */
export interface DenseWeights {
  dimension: number;
  hidden: number;
  classes: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

/** Rows to learn from: `x` is `labels.length` rows of `dimension` numbers. */
export interface DenseRows {
  x: Float32Array;
  labels: Int32Array;
}

export interface DenseFitOptions {
  epochs: number;
  learningRate: number;
  hiddenUnits: number;
  patience: number;
  batchSize: number;
  /** Per class, the weight of its rows in the loss. */
  classWeight: readonly number[];
  /** Seeds the initial weights and the order of each epoch: the same rows train the same head. */
  seed: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface DenseFit {
  weights: DenseWeights;
  /** The last epoch's training loss (class-weighted mean cross-entropy). */
  loss: number;
  /** The epoch whose weights were kept (the last one run with nothing held out). */
  bestEpoch: number;
}

/** Yield to the event loop at most this often, so a page stays responsive while a head trains. */
const YIELD_EVERY_MS = 50;
const EPSILON = 1e-7;

/**
 * Train the head with Adam on mini-batches; with held-out rows, stop when their loss has not
 * improved for `patience` epochs and keep the best epoch's weights.
 *
 * The gradients are written out rather than left to autodiff (tfjs-layers' `fit`): a dense layer's
 * weight gradient is `xᵀ·dy`, a matMul with `transposeA`, which the wasm backend runs outside
 * XNNPACK, 7-10× slower than a plain one (5.9 ms against 0.8 ms for 32×1280 · 32×64 here): with a
 * 1280-number embedding that one product was most of the training time. Here every product is
 * plain, its operands transposed explicitly (a copy, a fraction of the product's cost).
 */
export async function fitDense(train: DenseRows, heldOut: DenseRows | null, dimension: number, classes: number, o: DenseFitOptions): Promise<DenseFit> {
  const next = seededRandom(o.seed);
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Float32Array.from({ length: fanIn * fanOut }, () => (next() * 2 - 1) * limit);
  };
  // A variable holds its initial value's data, but the initial tensor is still ours to dispose.
  const variable = (initial: tf.Tensor) => {
    const created = tf.variable(initial);
    initial.dispose();
    return created;
  };
  const w1 = variable(tf.tensor2d(glorot(dimension, o.hiddenUnits), [dimension, o.hiddenUnits]));
  const b1 = variable(tf.zeros([o.hiddenUnits]));
  const w2 = variable(tf.tensor2d(glorot(o.hiddenUnits, classes), [o.hiddenUnits, classes]));
  const b2 = variable(tf.zeros([classes]));
  const variables = [w1, b1, w2, b2];
  const optimizer = tf.train.adam(o.learningRate);
  const validation = heldOut && heldOut.labels.length ? batchOf(heldOut, Array.from(heldOut.labels.keys()), dimension, classes, null) : null;
  let best: { loss: number; epoch: number; weights: tf.Tensor[] | null } = { loss: Infinity, epoch: 0, weights: null };
  let loss = NaN;
  let ran = 0;
  let yielded = performance.now();
  const n = train.labels.length;
  const order = Array.from({ length: n }, (_, i) => i);
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      shuffle(order, next);
      const losses: tf.Scalar[] = [];
      for (let start = 0; start < n; start += o.batchSize) {
        const batch = batchOf(train, order.slice(start, start + o.batchSize), dimension, classes, o.classWeight);
        losses.push(step(batch, { w1, b1, w2, b2 }, optimizer));
        disposeBatch(batch);
      }
      const epochLoss = tf.tidy(() => tf.div(tf.addN(losses.map((l, i) => tf.mul(l, Math.min(o.batchSize, n - i * o.batchSize)))), n));
      const valLoss = validation ? tf.tidy(() => meanCrossEntropy(forward(validation.x, { w1, b1, w2, b2 }).p, validation.y, null)) : null;
      const read = await Promise.all([epochLoss.data(), valLoss?.data()]);
      losses.forEach((l) => l.dispose());
      epochLoss.dispose();
      valLoss?.dispose();
      ran = epoch;
      loss = read[0][0];
      const watched = read[1] ? read[1][0] : loss;
      if (watched < best.loss) {
        best.weights?.forEach((t) => t.dispose());
        best = { loss: watched, epoch, weights: validation ? variables.map((v) => tf.clone(v)) : null };
      }
      o.onEpoch?.(epoch, loss);
      if (validation && epoch - best.epoch >= o.patience) break;
      if (performance.now() - yielded > YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        yielded = performance.now();
      }
    }
    const kept = best.weights ?? variables;
    const [w1v, b1v, w2v, b2v] = await Promise.all(kept.map((t) => t.data() as Promise<Float32Array>));
    return {
      weights: { dimension, hidden: o.hiddenUnits, classes, w1: w1v, b1: b1v, w2: w2v, b2: b2v },
      loss,
      bestEpoch: validation ? best.epoch : ran,
    };
  } finally {
    best.weights?.forEach((t) => t.dispose());
    if (validation) disposeBatch(validation);
    variables.forEach((v) => v.dispose());
    // Disposing the variables does not free the optimizer's moments: they are its own.
    optimizer.dispose();
  }
}

/** Class probabilities of one row on the CPU (a 1280 × 64 head is about 0.1 ms: no tensor round trip). */
export function denseProbabilities(weights: DenseWeights, x: Float32Array): Float32Array {
  const { dimension, hidden, classes, w1, b1, w2, b2 } = weights;
  const h = Float32Array.from(b1);
  for (let i = 0; i < dimension; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * hidden;
    for (let j = 0; j < hidden; j++) h[j] += xi * w1[row + j];
  }
  const logits = Float32Array.from(b2);
  for (let j = 0; j < hidden; j++) {
    const hj = h[j];
    if (hj <= 0) continue;
    for (let c = 0; c < classes; c++) logits[c] += hj * w2[j * classes + c];
  }
  const top = Math.max(...logits);
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += logits[c] = Math.exp(logits[c] - top);
  for (let c = 0; c < classes; c++) logits[c] /= sum;
  return logits;
}

interface Variables {
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
}

interface Batch {
  x: tf.Tensor2D;
  /** One-hot labels. */
  y: tf.Tensor2D;
  /** Each row's class weight, [rows, 1] (null: all 1). */
  weight: tf.Tensor2D | null;
}

function batchOf(rows: DenseRows, indices: readonly number[], dimension: number, classes: number, classWeight: readonly number[] | null): Batch {
  const x = new Float32Array(indices.length * dimension);
  const y = new Float32Array(indices.length * classes);
  indices.forEach((r, i) => {
    x.set(rows.x.subarray(r * dimension, (r + 1) * dimension), i * dimension);
    y[i * classes + rows.labels[r]] = 1;
  });
  return {
    x: tf.tensor2d(x, [indices.length, dimension]),
    y: tf.tensor2d(y, [indices.length, classes]),
    weight: classWeight ? tf.tensor2d(indices.map((r) => classWeight[rows.labels[r]]), [indices.length, 1]) : null,
  };
}

function disposeBatch(batch: Batch): void {
  batch.x.dispose();
  batch.y.dispose();
  batch.weight?.dispose();
}

function forward(x: tf.Tensor2D, { w1, b1, w2, b2 }: Variables): { z1: tf.Tensor2D; h: tf.Tensor2D; p: tf.Tensor2D } {
  const z1 = tf.add(tf.matMul(x, w1), b1) as tf.Tensor2D;
  const h = tf.relu(z1);
  const p = tf.softmax(tf.add(tf.matMul(h, w2), b2) as tf.Tensor2D);
  return { z1, h, p };
}

/** Mean over rows of (weight ×) cross-entropy, as tfjs-layers' `categoricalCrossentropy` with `classWeight`. */
function meanCrossEntropy(p: tf.Tensor2D, y: tf.Tensor2D, weight: tf.Tensor2D | null): tf.Scalar {
  const ce = tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, EPSILON, 1 - EPSILON))), 1, true));
  return tf.mean(weight ? tf.mul(ce, weight) : ce);
}

/** One Adam step on a batch; returns the batch's loss (before the step). */
function step(batch: Batch, v: Variables, optimizer: tf.Optimizer): tf.Scalar {
  return tf.tidy(() => {
    const { x, y, weight } = batch;
    const { z1, h, p } = forward(x, v);
    const loss = meanCrossEntropy(p, y, weight);
    // d(loss)/d(logits) of softmax + cross-entropy, each row weighted, averaged over the batch.
    let dLogits = tf.div(tf.sub(p, y), x.shape[0]);
    if (weight) dLogits = tf.mul(dLogits, weight);
    const dZ1 = tf.mul(tf.matMul(dLogits, tf.transpose(v.w2)), tf.step(z1));
    optimizer.applyGradients({
      [v.w1.name]: tf.matMul(tf.transpose(x), dZ1),
      [v.b1.name]: tf.sum(dZ1, 0),
      [v.w2.name]: tf.matMul(tf.transpose(h), dLogits),
      [v.b2.name]: tf.sum(dLogits, 0),
    });
    return loss;
  });
}

function shuffle(order: number[], next: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}
