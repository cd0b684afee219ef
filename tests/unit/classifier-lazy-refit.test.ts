import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ClassifierPipeline } from '../../packages/core/src/classifier/ClassifierPipeline';
import type { StoredClass, StoredExample } from '../../packages/core/src/classifier/Dataset';
import { normalize } from '../../packages/core/src/classifier/knn';
import { REFIT_SHARE, SETTLE_MS } from '../../packages/core/src/classifier/neighbourIndex';
import * as nuisance from '../../packages/core/src/classifier/nuisanceDirections';

// Count the invariant space's fits: each one solves the eigenproblem of the copies' differences.
vi.mock('../../packages/core/src/classifier/nuisanceDirections', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../packages/core/src/classifier/nuisanceDirections')>();
  return { ...original, nuisanceDirections: vi.fn(original.nuisanceDirections) };
});
const fits = () => vi.mocked(nuisance.nuisanceDirections).mock.calls.length;

const DIM = 200; // 5 nuisance directions at most
const COPIES = 3;

/** A seeded generator, so every run builds the same examples. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** A unit vector: the class's direction (number 0 or 1), what every frame shares (the last number), light along numbers 2-4, noise. */
function frame(rand: () => number, classIndex: number, light: number): Float32Array {
  const v = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) v[i] = 0.05 * rand();
  v[classIndex] += 0.4;
  v[DIM - 1] += 2;
  v[2 + (Math.abs(Math.round(light * 10)) % 3)] += light;
  return normalize(v);
}

let nextId = 0;
function example(rand: () => number, classIndex: number): StoredExample {
  const light = rand();
  return {
    id: `e${nextId++}`,
    thumbnail: null,
    embedding: frame(rand, classIndex, light),
    augmented: Array.from({ length: COPIES }, () => frame(rand, classIndex, light + 2 * rand())),
  };
}

const OPTIONS = { head: 'knn', k: 5, threshold: 0, metric: 'invariant' } as const;
const ELIGIBLE = [true, true];

describe('the KNN space while examples are recorded', () => {
  let time = 0;
  const clock = () => time;
  const rand = random(17);
  const queries = Array.from({ length: 40 }, (_, i) => frame(rand, i % 2, 3 * rand()));
  const predictAll = async (pipeline: ClassifierPipeline, classes: StoredClass[]) =>
    Promise.all(queries.map((q) => pipeline.predict(classes, ELIGIBLE, q, OPTIONS, 0)));
  const dataset = (perClass: number): StoredClass[] => [
    { name: 'A', examples: Array.from({ length: perClass }, () => example(rand, 0)) },
    { name: 'B', examples: Array.from({ length: perClass }, () => example(rand, 1)) },
  ];

  beforeEach(() => {
    vi.mocked(nuisance.nuisanceDirections).mockClear();
    time = 0;
  });

  it('adding one example to 200 does not refit the space; removing one does', async () => {
    const classes = dataset(100);
    const pipeline = new ClassifierPipeline(clock);
    await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
    expect(fits()).toBe(1);
    classes[0].examples.push(example(rand, 0));
    pipeline.invalidate();
    time += 100;
    await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
    expect(fits()).toBe(1);
    classes[1].examples.splice(3, 1);
    pipeline.invalidate();
    time += 100;
    await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
    expect(fits()).toBe(2);
    // A clear of one class is a removal too.
    classes[1].examples = [];
    pipeline.invalidate();
    await pipeline.predict(classes, [true, false], queries[0], OPTIONS, 0);
    expect(fits()).toBe(3);
  });

  it(`refits once the additions pass ${REFIT_SHARE * 100}% of the fitted examples, and once they rest for ${SETTLE_MS} ms`, async () => {
    const classes = dataset(20); // 40 examples: 10 may be added lazily
    const pipeline = new ClassifierPipeline(clock);
    await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
    for (let i = 0; i < 11; i++) {
      classes[i % 2].examples.push(example(rand, i % 2));
      pipeline.invalidate();
      time += 200;
      await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
      expect(fits()).toBe(i < 10 ? 1 : 2);
    }
    classes[0].examples.push(example(rand, 0));
    pipeline.invalidate();
    time += 200;
    await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
    expect(fits()).toBe(2);
    time += SETTLE_MS;
    await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
    expect(fits()).toBe(3);
    await pipeline.predict(classes, ELIGIBLE, queries[0], OPTIONS, 0);
    expect(fits()).toBe(3);
  });

  it('gives the same predictions as a full refit once one is due, and the same labels in between', async () => {
    const classes = dataset(20);
    const lazy = new ClassifierPipeline(clock);
    await predictAll(lazy, classes);
    for (let i = 0; i < 8; i++) {
      classes[i % 2].examples.push(example(rand, i % 2));
      lazy.invalidate();
      time += 200;
      const during = await predictAll(lazy, classes);
      const full = await predictAll(new ClassifierPipeline(clock), classes);
      expect(during.map((p) => p.label)).toEqual(full.map((p) => p.label));
    }
    expect(fits()).toBe(1 + 8); // one lazy index, eight fresh ones
    time += SETTLE_MS;
    const settled = await predictAll(lazy, classes);
    const full = await predictAll(new ClassifierPipeline(clock), classes);
    expect(settled).toEqual(full);
  });
});
