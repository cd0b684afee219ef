import { describe, expect, it } from 'vitest';
import { fitEmbeddingSpace } from '../../packages/core/src/classifier/embeddingSpace';
import { knnVote } from '../../packages/core/src/classifier/knn';
import { nuisanceDirections, symmetricEigen } from '../../packages/core/src/classifier/nuisanceDirections';

/** A vector of `dim` numbers: 5 in the last (what every example shares) plus `parts` at their indices. */
const vec = (dim: number, parts: Record<number, number>) => {
  const v = new Float32Array(dim);
  v[dim - 1] = 5;
  for (const [i, x] of Object.entries(parts)) v[Number(i)] += x;
  return v;
};

describe('given examples whose augmented copies move along a direction the classes do not differ in', () => {
  // Class A at +0.2 and B at -0.2 on number 0; their copies (light, shift, ...) move along number 1,
  // B's further than A's. The query is an A frame moved along number 1 further than any A copy.
  const dim = 80;
  const vectors = [
    vec(dim, { 0: 0.2 }), vec(dim, { 0: 0.2, 1: 0.3 }), vec(dim, { 0: 0.2, 1: -0.3 }),
    vec(dim, { 0: -0.2 }), vec(dim, { 0: -0.2, 1: 1.5 }), vec(dim, { 0: -0.2, 1: -1.5 }),
  ];
  const groups = [1, 1, 1, 2, 2, 2];
  const classOf = [0, 0, 0, 1, 1, 1];
  const query = vec(dim, { 0: 0.2, 1: 1.4 });
  const nearest = (metric: 'centred' | 'invariant') => {
    const space = fitEmbeddingSpace(metric, vectors, groups);
    const votes = knnVote(space.project(query), vectors.map((v, i) => ({ classIndex: classOf[i], embedding: space.project(v) })), 2, 1);
    return votes[0] > votes[1] ? 'A' : 'B';
  };

  it("'centred' takes the moved A frame for B (a B copy moved the same way is nearer)", () => {
    expect(nearest('centred')).toBe('B');
  });

  it("'invariant' takes the copies' direction out and finds A", () => {
    expect(nearest('invariant')).toBe('A');
  });

  it('finds that direction as the only one (the copies move along nothing else)', () => {
    const found = nuisanceDirections(vectors, groups, 5);
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0][1])).toBeCloseTo(1, 5);
  });

  it("without the examples' groups, or without copies, 'invariant' is 'centred'", () => {
    const centred = fitEmbeddingSpace('centred', vectors).project(query);
    expect(Array.from(fitEmbeddingSpace('invariant', vectors).project(query))).toEqual(Array.from(centred));
    expect(Array.from(fitEmbeddingSpace('invariant', vectors, [1, 2, 3, 4, 5, 6]).project(query))).toEqual(Array.from(centred));
  });

  it("embeddings as short as pose's (34 numbers) keep every direction: 'invariant' is 'centred' there", () => {
    const short = vectors.map((v) => Float32Array.from([...v.slice(0, 33), 5]));
    const q = Float32Array.from([...query.slice(0, 33), 5]);
    expect(Array.from(fitEmbeddingSpace('invariant', short, groups).project(q))).toEqual(Array.from(fitEmbeddingSpace('centred', short).project(q)));
  });
});

describe('given a symmetric matrix', () => {
  it('the Jacobi eigensolver returns its eigenvalues and eigenvectors', () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 (along (1, 1)) and 1 (along (1, -1)).
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    const order = values[0] > values[1] ? [0, 1] : [1, 0];
    expect(values[order[0]]).toBeCloseTo(3, 9);
    expect(values[order[1]]).toBeCloseTo(1, 9);
    expect(Math.abs(vectors[0 * 2 + order[0]])).toBeCloseTo(Math.SQRT1_2, 9);
    expect(vectors[0 * 2 + order[1]] * vectors[1 * 2 + order[1]]).toBeCloseTo(-0.5, 9);
  });
});

describe('given fewer rows than numbers', () => {
  it('the span coordinates keep every dot product between the rows, and of a vector outside, its projection', async () => {
    const { spanBasis } = await import('../../packages/core/src/classifier/spanBasis');
    const rows = [0, 1, 2].map((i) => Float32Array.from({ length: 12 }, (_, k) => Math.sin(k * (i + 1) + i)));
    const coordinates = spanBasis(rows)!;
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, k) => s + x * b[k], 0);
    expect(coordinates(rows[0])).toHaveLength(3);
    for (const a of rows) for (const b of rows) expect(dot(coordinates(a), coordinates(b))).toBeCloseTo(dot(a, b), 4);
    const outside = Float32Array.from({ length: 12 }, (_, k) => Math.cos(k * 5));
    for (const b of rows) expect(dot(coordinates(outside), coordinates(b))).toBeCloseTo(dot(outside, b), 4);
    expect(spanBasis([Float32Array.from([1, 2]), Float32Array.from([3, 4])])).toBeNull();
  });
});
