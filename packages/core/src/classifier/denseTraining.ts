import { ClassifierError } from './ClassifierError';
import type { StoredClass } from './Dataset';
import { seededRandom } from './augmentation';

/** How the dense head is trained. */
export interface TrainOptions {
  /**
   * Most passes over the examples (fewer when the held-out share stops improving).
   * @default 40
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
  /**
   * Share of each class's examples (with their augmented copies) held out to decide when to stop
   * and to say how sure the head is per class; 0 trains on all for every epoch. A class keeps at
   * least two examples to train on.
   * @default 0.2
   */
  validationShare?: number;
  /**
   * Epochs without a better held-out loss before training stops (the best epoch's weights are kept).
   * @default 5
   */
  patience?: number;
  /**
   * Weigh each class by the inverse of its number of examples, so a class with many examples does
   * not win every doubt.
   * @default true
   */
  balanceClasses?: boolean;
  /** Called after each epoch. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** How the trained head did on the examples it did not train on. */
export interface HeldOutReport {
  /** Share of held-out examples (originals and copies) classified right; null with none held out. */
  accuracy: number | null;
  /** Per class, in class order: held-out examples and the share classified right (null when none). */
  perClass: { label: string; count: number; accuracy: number | null }[];
  /** The epoch whose weights were kept. */
  bestEpoch: number;
}

type ResolvedTrainOptions = Required<Omit<TrainOptions, 'onEpoch'>> & Pick<TrainOptions, 'onEpoch'>;

/** The options with defaults; throws `invalid-options` naming the bad one. */
export function resolveTrainOptions(options: TrainOptions): ResolvedTrainOptions {
  const o = { epochs: 40, learningRate: 0.001, hiddenUnits: 64, validationShare: 0.2, patience: 5, balanceClasses: true, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const fail = (name: string, expected: string, value: unknown): never => {
    throw new ClassifierError('invalid-options', `train: ${name} must be ${expected}; got ${JSON.stringify(value)}`);
  };
  if (!Number.isInteger(o.epochs) || o.epochs < 1) fail('epochs', 'an integer >= 1', o.epochs);
  if (!(o.learningRate > 0)) fail('learningRate', 'a number > 0', o.learningRate);
  if (!Number.isInteger(o.hiddenUnits) || o.hiddenUnits < 1) fail('hiddenUnits', 'an integer >= 1', o.hiddenUnits);
  if (!(o.validationShare >= 0 && o.validationShare < 1)) fail('validationShare', 'a number >= 0 and < 1', o.validationShare);
  if (!Number.isInteger(o.patience) || o.patience < 1) fail('patience', 'an integer >= 1', o.patience);
  if (typeof o.balanceClasses !== 'boolean') fail('balanceClasses', 'true or false', o.balanceClasses);
  return o as ResolvedTrainOptions;
}

/** A row of the dense head's data: its class, its embedding, and the example it comes from (its first row the original, the others its copies). */
export interface SplitRow {
  label: number;
  embedding: Float32Array;
  group: number;
}

/** The examples as training and held-out rows: each original with its copies stays on one side (no copy of a held-out example is trained on). */

export function splitExamples(classes: readonly StoredClass[], validationShare: number): { train: SplitRow[]; heldOut: SplitRow[] } {
  const train: SplitRow[] = [];
  const heldOut: SplitRow[] = [];
  let group = 0;
  // Seeded: the same examples train the same head.
  const next = seededRandom(classes.reduce((n, c) => n + c.examples.length, 7));
  classes.forEach((c, label) => {
    const order = c.examples.map((_, i) => i).sort(() => next() - 0.5);
    const held = Math.min(Math.floor(c.examples.length * validationShare), Math.max(0, c.examples.length - 2));
    order.forEach((index, rank) => {
      const e = c.examples[index];
      group += 1;
      const rows = [e.embedding, ...(e.augmented ?? [])].map((embedding) => ({ label, embedding, group }));
      (rank < held ? heldOut : train).push(...rows);
    });
  });
  return { train, heldOut };
}

/** Per-class weights, inverse to each class's rows (mean 1), or all 1. */
export function classWeights(rows: readonly { label: number }[], classCount: number, balance: boolean): Record<number, number> {
  const counts = new Array<number>(classCount).fill(0);
  for (const r of rows) counts[r.label] += 1;
  return Object.fromEntries(counts.map((n, i) => [i, balance && n > 0 ? rows.length / (classCount * n) : 1]));
}
