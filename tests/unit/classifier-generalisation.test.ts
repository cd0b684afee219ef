import { describe, expect, it } from 'vitest';
import { augmentKeypoints, augmentViews, resolveAugment, AUGMENT_DEFAULTS } from '../../packages/core/src/classifier/augmentation';
import { ClassifierError } from '../../packages/core/src/classifier/ClassifierError';
import { resolveClassifierOptions } from '../../packages/core/src/classifier/classifierOptions';
import { assessDataset } from '../../packages/core/src/classifier/datasetQuality';
import { parseDatasetFile, toDatasetFile } from '../../packages/core/src/classifier/datasetFile';
import { resolveTrainOptions } from '../../packages/core/src/classifier/denseTraining';
import { fitEmbeddingSpace } from '../../packages/core/src/classifier/embeddingSpace';
import { knnVote, normalize } from '../../packages/core/src/classifier/knn';
import { MIRROR_INDEX, poseEmbedding } from '../../packages/core/src/classifier/extractors/poseExtractor';
import { qualityHint } from '../../packages/react/src/classifier/qualityHint';
import type { StoredClass } from '../../packages/core/src/classifier/Dataset';

const unit = (...v: number[]) => normalize(Float32Array.from(v));
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ClassifierError ? error.code : String(error);
  }
  return null;
};

describe('given examples that share a large component and differ in a small one', () => {
  // What image embeddings look like: all-positive features of the same scene, the class in a few numbers.
  const a = [0, 1, 2].map((i) => Float32Array.from([5.3, 5, 5 + 0.01 * i, 5]));
  const b = [0, 1, 2].map((i) => Float32Array.from([5, 5.3, 5, 5 + 0.01 * i]));
  const query = Float32Array.from([5.25, 5.02, 5, 5]);

  it('in the centred space what every example shares cancels out: adding it to all changes nothing', () => {
    const common = [0.7, -0.2, 1.5, 0.4];
    const plus = (v: Float32Array) => v.map((x, i) => x + common[i]);
    const before = fitEmbeddingSpace('centred', [...a, ...b]).project(query);
    const after = fitEmbeddingSpace('centred', [...a, ...b].map(plus)).project(plus(query));
    after.forEach((x, i) => expect(x).toBeCloseTo(before[i], 5));
  });

  it('centred, the class difference decides: the two classes point opposite ways', () => {
    const space = fitEmbeddingSpace('centred', [...a, ...b]);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(space.project(a[0]), space.project(b[0]))).toBeLessThan(-0.9);
    expect(dot(space.project(query), space.project(a[1]))).toBeGreaterThan(0.9);
    // As they are, every pair is within a few degrees.
    expect(dot(normalize(Float32Array.from(a[0])), normalize(Float32Array.from(b[0])))).toBeGreaterThan(0.99);
  });

  it('projected embeddings are unit length, and cosine leaves them as they are', () => {
    const space = fitEmbeddingSpace('standardised', [...a, ...b]);
    expect(Math.hypot(...space.project(query))).toBeCloseTo(1, 5);
    expect(Array.from(fitEmbeddingSpace('cosine', [...a, ...b]).project(query))).toEqual(Array.from(query));
  });
});

describe('given a KNN vote that ties', () => {
  it('the class of the nearest neighbour wins, not the first class', () => {
    const rows = [
      { classIndex: 0, embedding: unit(1, 0.5) },
      { classIndex: 0, embedding: unit(1, 0.6) },
      { classIndex: 1, embedding: unit(0.1, 1) },
      { classIndex: 1, embedding: unit(0.05, 1) },
    ];
    const votes = knnVote(unit(0, 1), rows, 2, 4);
    expect(votes[1]).toBeGreaterThan(votes[0]);
    expect(votes[0]).toBeCloseTo(0.5, 4);
  });
});

describe('given the augment option', () => {
  it('true is the documented defaults and false makes no copies', () => {
    expect(resolveAugment(true)).toEqual(AUGMENT_DEFAULTS);
    expect(resolveAugment(false).copies).toBe(0);
    expect(resolveAugment({ copies: 2 }).flip).toBe(false);
  });

  it('out-of-range values are invalid options naming the field', () => {
    expect(code(() => resolveClassifierOptions({ augment: { copies: -1 } }))).toBe('invalid-options');
    expect(() => resolveAugment({ shift: 0.9 })).toThrow(/augment\.shift/);
    expect(code(() => resolveClassifierOptions({ metric: 'euclid' as never }))).toBe('invalid-options');
    expect(code(() => resolveTrainOptions({ validationShare: 1 }))).toBe('invalid-options');
  });

  it('views are the same for the same seed, within the bounds, and flip only when asked', () => {
    const views = augmentViews(AUGMENT_DEFAULTS, 3);
    expect(views).toEqual(augmentViews(AUGMENT_DEFAULTS, 3));
    expect(views).toHaveLength(4);
    for (const v of views) {
      expect(v.flip).toBe(false);
      expect(v.box[2] - v.box[0]).toBeGreaterThanOrEqual(1 - AUGMENT_DEFAULTS.zoom - 1e-9);
      expect(v.box[0]).toBeGreaterThanOrEqual(0);
      expect(v.box[3]).toBeLessThanOrEqual(1 + 1e-9);
      expect(Math.abs(v.gain - 1)).toBeLessThanOrEqual(0.3);
    }
    expect(augmentViews({ ...AUGMENT_DEFAULTS, flip: true }, 3).filter((v) => v.flip)).toHaveLength(2);
  });

  it('a flipped copy of a pose without jitter is the mirrored pose', () => {
    const keypoints = Array.from({ length: 17 }, (_, i) => ({ x: 100 + i * 7 + (i % 3) * 11, y: 50 + i * 13, score: 0.9 }));
    const [copy] = augmentKeypoints(poseEmbedding(keypoints, 0.2, false)!, [{ ...augmentViews(AUGMENT_DEFAULTS, 1)[0], flip: true, jitter: 0 }], MIRROR_INDEX);
    const mirrored = poseEmbedding(keypoints, 0.2, true)!;
    copy.forEach((v, i) => expect(v).toBeCloseTo(mirrored[i], 5));
  });
});

describe('given dataset files of both versions', () => {
  const expectation = { extractorId: 'test', dimension: 3, mirrored: false };
  const classes: StoredClass[] = [{ name: 'a', examples: [{ id: '1', embedding: unit(1, 0, 0), thumbnail: null, augmented: [unit(1, 0.1, 0), unit(0.9, 0, 0.1)] }] }];

  it('version 2 keeps the augmented copies bit for bit', () => {
    const file = toDatasetFile(classes, { extractorId: 'test', dimension: 3, mirrored: false });
    expect(file.version).toBe(2);
    const parsed = parseDatasetFile(JSON.stringify(file), expectation);
    expect(parsed.classes[0].examples[0].augmented?.map((e) => Array.from(e))).toEqual(classes[0].examples[0].augmented!.map((e) => Array.from(e)));
  });

  it('a version-1 file still loads, its examples without copies', () => {
    const file = { ...toDatasetFile([{ name: 'a', examples: [{ id: '1', embedding: unit(1, 0, 0), thumbnail: null }] }], { extractorId: 'test', dimension: 3, mirrored: false }), version: 1 };
    const parsed = parseDatasetFile(file, expectation);
    expect(parsed.classes[0].examples).toHaveLength(1);
    expect(parsed.classes[0].examples[0].augmented).toBeUndefined();
  });

  it('copies in a version-1 file, or of the wrong length, are invalid', () => {
    const v2 = toDatasetFile(classes, { extractorId: 'test', dimension: 3, mirrored: false });
    expect(code(() => parseDatasetFile({ ...v2, version: 1 }, expectation))).toBe('invalid-dataset');
    const short = structuredClone(v2);
    short.classes[0].examples[0].augmented = [v2.classes[0].examples[0].embedding.slice(0, 8)];
    expect(code(() => parseDatasetFile(short, expectation))).toBe('invalid-dataset');
  });
});

describe('given a dataset to assess', () => {
  const cls = (name: string, vectors: Float32Array[]): StoredClass => ({ name, examples: vectors.map((embedding, i) => ({ id: `${name}${i}`, embedding, thumbnail: null })) });
  const around = (x: number, y: number, n: number) => Array.from({ length: n }, (_, i) => unit(x + 0.01 * i, y, 0.01 * (i % 3)));

  it('distinct classes are sure; a class with few examples is told to add more', () => {
    const report = assessDataset([cls('a', around(1, 0, 12)), cls('b', around(0, 1, 4))], { k: 3 });
    expect(report.classes[0]).toMatchObject({ tooFew: false, tooSimilar: false, howSure: 1 });
    expect(report.classes[1]).toMatchObject({ count: 4, tooFew: true });
    expect(qualityHint(report.classes[1], { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null }).status).toBe('too-few');
  });

  it('two classes of the same examples are too similar, and the hint names the other', () => {
    const report = assessDataset([cls('a', around(1, 1, 12)), cls('b', around(1, 1, 12))], { k: 3, metric: 'cosine' });
    expect(report.classes[0].tooSimilar).toBe(true);
    expect(report.classes[0].confusedWith?.name).toBe('b');
    const hint = qualityHint(report.classes[0], { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null });
    expect(hint.status).toBe('too-similar');
    expect(hint.text).toContain('"b"');
  });
});
