import { describe, expect, it } from 'vitest';
import { ClassifierError } from '../../packages/core/src/classifier/ClassifierError';
import { Dataset } from '../../packages/core/src/classifier/Dataset';
import { decodeFloat32, encodeFloat32, parseDatasetFile, toDatasetFile } from '../../packages/core/src/classifier/datasetFile';
import { knnVote, normalize } from '../../packages/core/src/classifier/knn';
import { toStorageError } from '../../packages/core/src/classifier/datasetStorage';
import { poseEmbedding } from '../../packages/core/src/classifier/extractors/poseExtractor';
import { faceEmbedding } from '../../packages/core/src/classifier/extractors/faceExtractor';

const unit = (...values: number[]) => normalize(Float32Array.from(values));
const expectation = { extractorId: 'custom:test', dimension: 3, mirrored: false };

function datasetWith(): Dataset {
  const d = new Dataset();
  d.addExample('a', { id: '1', embedding: unit(1, 0, 0), thumbnail: null });
  d.addExample('b', { id: '2', embedding: unit(0, 1, 0.3), thumbnail: 'data:image/jpeg;base64,AAAA' });
  return d;
}

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ClassifierError);
    return (error as ClassifierError).code;
  }
  throw new Error('expected a ClassifierError');
}

describe('given unit-length examples of two classes', () => {
  const neighbours = [
    { classIndex: 0, embedding: unit(1, 0, 0) },
    { classIndex: 0, embedding: unit(0.9, 0.1, 0) },
    { classIndex: 1, embedding: unit(0, 1, 0) },
    { classIndex: 1, embedding: unit(0, 0.9, 0.2) },
    { classIndex: 1, embedding: unit(0.1, 1, 0) },
  ];

  it('a KNN vote gives each class its share of the k nearest by cosine', () => {
    const votes = knnVote(unit(1, 0.05, 0), neighbours, 2, 3);
    expect(votes[0]).toBeCloseTo(2 / 3, 6);
    expect(votes[1]).toBeCloseTo(1 / 3, 6);
  });

  it('k larger than the examples counts every example once', () => {
    const votes = knnVote(unit(0, 1, 0), neighbours, 2, 50);
    expect(votes[0]).toBeCloseTo(2 / 5);
    expect(votes[1]).toBeCloseTo(3 / 5);
  });

  it('with no examples every class gets 0', () => {
    expect(Array.from(knnVote(unit(1, 0, 0), [], 2, 3))).toEqual([0, 0]);
  });
});

describe('given a dataset exported to a file', () => {
  it('float32 embeddings survive base64 bit for bit', () => {
    const values = Float32Array.from([Math.PI, -0, 1e-38, -123456.789, 0.1]);
    expect(Array.from(decodeFloat32(encodeFloat32(values)))).toEqual(Array.from(values));
  });

  it('parsing gives back the same classes, embeddings and thumbnails', () => {
    const d = datasetWith();
    const file = JSON.parse(JSON.stringify(toDatasetFile(d.classes, { extractorId: 'custom:test', dimension: 3, mirrored: false })));
    const { classes } = parseDatasetFile(file, expectation);
    expect(classes.map((c) => c.name)).toEqual(['a', 'b']);
    expect(Array.from(classes[1].examples[0].embedding)).toEqual(Array.from(d.classes[1].examples[0].embedding));
    expect(classes[1].examples[0].thumbnail).toBe('data:image/jpeg;base64,AAAA');
  });

  it('thumbnails can be left out', () => {
    const file = toDatasetFile(datasetWith().classes, { extractorId: 'custom:test', dimension: 3, mirrored: false }, { thumbnails: false });
    expect(file.classes[1].examples[0].thumbnail).toBeUndefined();
  });
});

describe('given a dataset file with a problem', () => {
  const good = () => JSON.parse(JSON.stringify(toDatasetFile(datasetWith().classes, { extractorId: 'custom:test', dimension: 3, mirrored: false })));

  it('text that is not JSON is an invalid dataset', () => {
    expect(code(() => parseDatasetFile('{ nope', expectation))).toBe('invalid-dataset');
  });

  it('a file of another format is an invalid dataset', () => {
    expect(code(() => parseDatasetFile({ ...good(), format: 'something-else' }, expectation))).toBe('invalid-dataset');
  });

  it('a newer version is refused as unsupported', () => {
    expect(code(() => parseDatasetFile({ ...good(), version: 3 }, expectation))).toBe('unsupported-version');
  });

  it('another extractor is a mismatch', () => {
    const file = good();
    file.extractor.id = 'image:mobilenet-v2:pooled';
    expect(code(() => parseDatasetFile(file, expectation))).toBe('extractor-mismatch');
  });

  it('another dimension than the classifier is a mismatch', () => {
    expect(code(() => parseDatasetFile(good(), { ...expectation, dimension: 4 }))).toBe('extractor-mismatch');
  });

  it('an embedding of the wrong length is invalid', () => {
    const file = good();
    file.classes[0].examples[0].embedding = encodeFloat32(Float32Array.from([1, 0]));
    expect(code(() => parseDatasetFile(file, expectation))).toBe('invalid-dataset');
  });

  it('a NaN in an embedding is invalid', () => {
    const file = good();
    file.classes[0].examples[0].embedding = encodeFloat32(Float32Array.from([1, NaN, 0]));
    expect(code(() => parseDatasetFile(file, expectation))).toBe('invalid-dataset');
  });

  it('another mirroring is a mirror mismatch', () => {
    expect(code(() => parseDatasetFile({ ...good(), mirrored: true }, expectation))).toBe('mirror-mismatch');
  });

  it('the same class twice is invalid', () => {
    const file = good();
    file.classes[1].name = 'a';
    expect(code(() => parseDatasetFile(file, expectation))).toBe('invalid-dataset');
  });

  it('a thumbnail that is not an image data URL is invalid', () => {
    const file = good();
    file.classes[0].examples[0].thumbnail = 'javascript:alert(1)';
    expect(code(() => parseDatasetFile(file, expectation))).toBe('invalid-dataset');
  });
});

describe('given the browser storage is full', () => {
  it('the error says so and that the data is still in memory', () => {
    const error = toStorageError(new DOMException('full', 'QuotaExceededError'), 'save');
    expect(error.code).toBe('quota-exceeded');
    expect(error.message).toMatch(/still in memory/);
    expect(error.cause).toBeInstanceOf(DOMException);
  });
});

describe('given a pose', () => {
  const keypoints = Array.from({ length: 17 }, (_, i) => ({ x: 100 + i * 10, y: 200 + (i % 5) * 20, score: 0.9 }));

  it('moving and scaling the person does not change the embedding', () => {
    const moved = keypoints.map((k) => ({ ...k, x: k.x * 2 + 50, y: k.y * 2 - 30 }));
    const a = poseEmbedding(keypoints, 0.2, false)!;
    const b = poseEmbedding(moved, 0.2, false)!;
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
  });

  it('mirroring swaps left and right and negates x', () => {
    const a = poseEmbedding(keypoints, 0.2, false)!;
    const m = poseEmbedding(keypoints, 0.2, true)!;
    // index 5 left_shoulder <- 6 right_shoulder
    expect(m[5 * 2]).toBeCloseTo(-a[6 * 2], 6);
    expect(m[5 * 2 + 1]).toBeCloseTo(a[6 * 2 + 1], 6);
    expect(m[0]).toBeCloseTo(-a[0], 6);
  });

  it('with fewer than three confident keypoints there is no embedding', () => {
    expect(poseEmbedding(keypoints.map((k, i) => ({ ...k, score: i < 2 ? 0.9 : 0.05 })), 0.2, false)).toBeNull();
  });
});

describe('given face landmarks', () => {
  it('mirroring twice gives back the same embedding', () => {
    const points = Array.from({ length: 68 }, (_, i) => ({ x: Math.cos(i) * 50 + 200, y: Math.sin(i * 1.3) * 40 + 100 }));
    const once = faceEmbedding(points, true)!;
    const mirroredPoints = points.map((p) => ({ x: 400 - p.x, y: p.y }));
    const plain = faceEmbedding(mirroredPoints, false)!;
    // A mirrored embedding of the faces equals the embedding of the mirrored face up to relabelling:
    // the same multiset of numbers.
    expect([...once].map((v) => v.toFixed(4)).sort()).toEqual([...plain].map((v) => v.toFixed(4)).sort());
  });
});
