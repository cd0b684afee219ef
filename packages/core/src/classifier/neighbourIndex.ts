import type { StoredClass, StoredExample } from './Dataset';
import { fitEmbeddingSpace, type EmbeddingMetric, type EmbeddingSpace } from './embeddingSpace';
import type { Neighbour } from './knn';

/** Below this many fitted examples every change refits: a refit is a few ms there, and one example moves the mean and the directions a lot. */
export const LAZY_FROM_EXAMPLES = 8;
/** Examples added since the last fit, as a share of those it was fitted on, up to which new ones are only projected into the kept space. */
export const REFIT_SHARE = 0.25;
/** Once the examples have not changed for this long (recording paused), a space that is behind them is refitted on the next prediction. */
export const SETTLE_MS = 1000;

interface Fitted {
  metric: EmbeddingMetric;
  space: EmbeddingSpace;
  neighbours: Neighbour[];
  /** Every example in `neighbours`, with its class index. */
  seen: Map<StoredExample, number>;
  /** Examples the space was fitted on, and those projected into it since. */
  fittedOn: number;
  added: number;
}

/**
 * The KNN's neighbours in the embedding space fitted on the eligible examples, kept across
 * changes when that is safe. Fitting the `'invariant'` space (a Gram matrix, an eigensolver, and
 * every neighbour projected again) costs about 0.3 s with 20-40 image examples and 1 s with 200,
 * and recording adds several examples a second. So while examples are only added, the mean and
 * the directions are kept and only the new examples' vectors are projected into them (a few ms),
 * until they are more than `REFIT_SHARE` of those the space was fitted on, or until the examples
 * have rested for `SETTLE_MS`: then the next prediction refits, exactly as a fresh index would.
 * A removal, a clear, an import, a class becoming ineligible or another metric refits at once.
 */
export class NeighbourIndex {
  private fitted: Fitted | null = null;
  private changedAt = -Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The examples changed (added, removed, imported, or eligibility): looked at on the next `neighbours()`. */
  changed(): void {
    this.changedAt = this.now();
  }

  /** Forget everything: the next `neighbours()` fits from scratch. */
  reset(): void {
    this.fitted = null;
  }

  /** The space and the neighbours for `classes` (only the `eligible` ones), fitted or brought up to date. */
  neighbours(classes: readonly StoredClass[], eligible: readonly boolean[], metric: EmbeddingMetric): { space: EmbeddingSpace; neighbours: readonly Neighbour[] } {
    const current = eligibleExamples(classes, eligible);
    const fitted = this.fitted;
    if (fitted?.metric !== metric) return (this.fitted = fit(current, metric));
    const fresh = current.filter(([example]) => !fitted.seen.has(example));
    // Only additions keep the space: every example it has seen still there, in the same class.
    const onlyAdded = current.length - fresh.length === fitted.seen.size && current.every(([e, c]) => (fitted.seen.get(e) ?? c) === c);
    if (!onlyAdded || !this.mayKeep(fitted, fresh.length)) return (this.fitted = fit(current, metric));
    for (const [example, classIndex] of fresh) {
      fitted.seen.set(example, classIndex);
      for (const embedding of vectorsOf(example)) fitted.neighbours.push({ classIndex, embedding: fitted.space.project(embedding) });
    }
    fitted.added += fresh.length;
    return fitted;
  }

  /** Whether `fresh` more additions may be projected into the kept space (else it is refitted). */
  private mayKeep(fitted: Fitted, fresh: number): boolean {
    const added = fitted.added + fresh;
    if (added === 0) return true;
    return fitted.fittedOn >= LAZY_FROM_EXAMPLES && added <= fitted.fittedOn * REFIT_SHARE && this.now() - this.changedAt < SETTLE_MS;
  }
}

/** The eligible classes' examples with their class indices, in class and example order. */
function eligibleExamples(classes: readonly StoredClass[], eligible: readonly boolean[]): [StoredExample, number][] {
  return classes.flatMap((c, classIndex) => (eligible[classIndex] ? c.examples.map((e): [StoredExample, number] => [e, classIndex]) : []));
}

/** An example's original embedding, then its augmented copies'. */
function vectorsOf(example: StoredExample): Float32Array[] {
  return [example.embedding, ...(example.augmented ?? [])];
}

/** The space of `metric` fitted on all the examples' vectors (each example a group: its original, then its copies), and every vector projected into it. */
function fit(examples: readonly [StoredExample, number][], metric: EmbeddingMetric): Fitted {
  const raw = examples.flatMap(([example, classIndex], group) => vectorsOf(example).map((embedding) => ({ classIndex, embedding, group })));
  const space = fitEmbeddingSpace(metric, raw.map((n) => n.embedding), raw.map((n) => n.group));
  return {
    metric,
    space,
    neighbours: raw.map((n) => ({ classIndex: n.classIndex, embedding: space.project(n.embedding) })),
    seen: new Map(examples),
    fittedOn: examples.length,
    added: 0,
  };
}
