import type { StoredClass } from './Dataset';
import { fitEmbeddingSpace, type EmbeddingMetric } from './embeddingSpace';
import { knnVote, type Neighbour } from './knn';

/** What the examples of one class are like, for a person to act on. */
export interface ClassQuality {
  name: string;
  /** Examples taken (augmented copies not counted). */
  count: number;
  /** Fewer than the recommended examples: add more, in other light and positions. */
  tooFew: boolean;
  /**
   * Share of this class's examples that the other examples classify right, each left out with its
   * augmented copies (leave-one-out KNN): how sure the classifier can be of it. `null` below two examples.
   */
  howSure: number | null;
  /** The class its left-out examples are most often taken for, and the share taken for it. */
  confusedWith: { name: string; share: number } | null;
  /** At least `similarShare` of its examples are taken for one other class: the two look alike. */
  tooSimilar: boolean;
}

/** The whole dataset's report: one entry per class, and the leave-one-out confusion counts. */
export interface DatasetQuality {
  classes: ClassQuality[];
  /** `confusion[i][j]`: left-out examples of class i classified as class j. */
  confusion: number[][];
}

/** What counts as too few and too similar. */
export interface QualityOptions {
  /**
   * Examples a class should have (a KNN of 5 neighbours needs several views of each class).
   * @default 10
   */
  recommended?: number;
  /**
   * Share of a class's examples taken for one other class at which the two are called too similar.
   * @default 0.25
   */
  similarShare?: number;
  /**
   * Neighbours that vote, as in the classifier.
   * @default 5
   */
  k?: number;
  /**
   * The space embeddings are compared in, as in the classifier.
   * @default 'invariant'
   */
  metric?: EmbeddingMetric;
}

/**
 * Leave each example out (with its augmented copies), classify it by KNN against the rest in the
 * classifier's space, and report per class: too few examples, how sure, and which class it is
 * taken for. Plain CPU arithmetic: examples × all vectors × dimension multiply-adds.
 */
export function assessDataset(classes: readonly StoredClass[], options: QualityOptions = {}): DatasetQuality {
  const { recommended = 10, similarShare = 0.25, k = 5, metric = 'invariant' } = options;
  const rows: (Neighbour & { group: number })[] = [];
  let group = 0;
  for (const [classIndex, c] of classes.entries()) {
    for (const e of c.examples) {
      for (const embedding of [e.embedding, ...(e.augmented ?? [])]) rows.push({ classIndex, embedding, group });
      group += 1;
    }
  }
  const space = fitEmbeddingSpace(metric, rows.map((r) => r.embedding), rows.map((r) => r.group));
  const projected = rows.map((r) => ({ ...r, embedding: space.project(r.embedding) }));
  const confusion = classes.map(() => classes.map(() => 0));
  const seen = new Set<number>();
  for (const row of projected) {
    // One vote per example: its own embedding (the first row of its group), its copies left out too.
    if (seen.has(row.group)) continue;
    seen.add(row.group);
    const others = projected.filter((r) => r.group !== row.group);
    if (others.length === 0) continue;
    const votes = knnVote(row.embedding, others, classes.length, k);
    let best = 0;
    for (let i = 1; i < votes.length; i++) if (votes[i] > votes[best]) best = i;
    confusion[row.classIndex][best] += 1;
  }
  return {
    confusion,
    classes: classes.map((c, i) => {
      const total = confusion[i].reduce((a, b) => a + b, 0);
      let other = -1;
      for (let j = 0; j < classes.length; j++) if (j !== i && confusion[i][j] > 0 && (other < 0 || confusion[i][j] > confusion[i][other])) other = j;
      const share = other >= 0 && total > 0 ? confusion[i][other] / total : 0;
      return {
        name: c.name,
        count: c.examples.length,
        tooFew: c.examples.length < recommended,
        howSure: c.examples.length >= 2 && total > 0 ? confusion[i][i] / total : null,
        confusedWith: other >= 0 ? { name: classes[other].name, share } : null,
        tooSimilar: share >= similarShare,
      };
    }),
  };
}
