import { ClassifierError } from './ClassifierError';
import { exampleId, type StoredClass } from './Dataset';
import { normalize } from './knn';
import { UNKNOWN_LABEL } from './types';

/** The `format` field that marks a webcam-ml dataset file. */
export const DATASET_FORMAT = 'webcam-ml/classifier-dataset';
/**
 * The file version this library writes (and the newest it reads). Version 2 added each example's
 * augmented copies (`augmented`); a version-1 file reads as examples without copies.
 */
export const DATASET_VERSION = 2;

/** A dataset file, version 1: what `exportDataset()` writes and `importDataset()` reads. */
export interface DatasetFileV1 {
  format: typeof DATASET_FORMAT;
  version: 1;
  /** The feature extractor the embeddings came from. */
  extractor: { id: string; dimension: number };
  /** Whether frames were mirrored before extracting. */
  mirrored: boolean;
  /** ISO date. */
  createdAt: string;
  classes: {
    name: string;
    examples: {
      /** Base64 of the unit-length embedding as little-endian float32. */
      embedding: string;
      /** A JPEG data URL, when exported with thumbnails. */
      thumbnail?: string;
    }[];
  }[];
}

/** A dataset file, version 2 (what `exportDataset()` writes): version 1 plus each example's augmented copies. */
export interface DatasetFileV2 extends Omit<DatasetFileV1, 'version' | 'classes'> {
  version: 2;
  classes: {
    name: string;
    examples: {
      embedding: string;
      thumbnail?: string;
      /** Base64 float32 LE, unit length: the embeddings of the example's augmented copies. */
      augmented?: string[];
    }[];
  }[];
}

/** Any dataset file version this library reads. */
export type DatasetFile = DatasetFileV1 | DatasetFileV2;

/** What the classifier expects of a file it imports. */
export interface DatasetExpectation {
  extractorId: string;
  /** `null` when the extractor's size is not known yet (a custom one before its first frame). */
  dimension: number | null;
  mirrored: boolean;
}

/** Build the file for a dataset. */
export function toDatasetFile(
  classes: readonly StoredClass[],
  meta: { extractorId: string; dimension: number; mirrored: boolean },
  options: { thumbnails?: boolean } = {},
): DatasetFileV2 {
  const withThumbnails = options.thumbnails ?? true;
  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    extractor: { id: meta.extractorId, dimension: meta.dimension },
    mirrored: meta.mirrored,
    createdAt: new Date().toISOString(),
    classes: classes.map((c) => ({
      name: c.name,
      examples: c.examples.map((e) => ({
        embedding: encodeFloat32(e.embedding),
        ...(withThumbnails && e.thumbnail ? { thumbnail: e.thumbnail } : {}),
        ...(e.augmented?.length ? { augmented: e.augmented.map(encodeFloat32) } : {}),
      })),
    })),
  };
}

/**
 * Validate a dataset file completely and turn it into classes, or throw a `ClassifierError`
 * naming the first problem. Nothing is changed anywhere: the caller swaps the result in only
 * after this returned.
 */
export function parseDatasetFile(input: unknown, expected: DatasetExpectation): { classes: StoredClass[]; dimension: number } {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (cause) {
      throw invalid('the file is not JSON', cause);
    }
  }
  if (!isRecord(data)) throw invalid('the file does not hold a JSON object');
  if (data.format !== DATASET_FORMAT) throw invalid(`"format" must be "${DATASET_FORMAT}" (is ${show(data.format)})`);
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    throw invalid(`"version" must be a positive integer (is ${show(data.version)})`);
  }
  if (data.version > DATASET_VERSION) {
    throw new ClassifierError('unsupported-version', `This dataset file is version ${data.version}; this version of webcam-ml reads up to version ${DATASET_VERSION}.`);
  }
  const extractor = data.extractor;
  if (!isRecord(extractor) || typeof extractor.id !== 'string' || extractor.id === '') {
    throw invalid('"extractor.id" must be a non-empty string');
  }
  const dimension = extractor.dimension;
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1) {
    throw invalid(`"extractor.dimension" must be a positive integer (is ${show(dimension)})`);
  }
  if (typeof data.mirrored !== 'boolean') throw invalid('"mirrored" must be true or false');
  if (extractor.id !== expected.extractorId) {
    throw new ClassifierError('extractor-mismatch', `This dataset was made with the "${extractor.id}" features; this classifier uses "${expected.extractorId}".`);
  }
  if (expected.dimension !== null && dimension !== expected.dimension) {
    throw new ClassifierError('extractor-mismatch', `This dataset's embeddings have ${dimension} numbers; this classifier's "${expected.extractorId}" features have ${expected.dimension}.`);
  }
  if (data.mirrored !== expected.mirrored) {
    throw new ClassifierError('mirror-mismatch', `This dataset was recorded with mirrored=${data.mirrored}; this classifier has mirrored=${expected.mirrored}.`);
  }
  if (!Array.isArray(data.classes)) throw invalid('"classes" must be an array');
  const names = new Set<string>();
  const classes: StoredClass[] = data.classes.map((c: unknown, ci: number) => {
    const where = `classes[${ci}]`;
    if (!isRecord(c)) throw invalid(`${where} must be an object`);
    if (typeof c.name !== 'string' || c.name.trim() === '') throw invalid(`${where}.name must be a non-empty string`);
    if (c.name === UNKNOWN_LABEL) throw invalid(`${where}.name "${UNKNOWN_LABEL}" is reserved`);
    if (names.has(c.name)) throw invalid(`class "${c.name}" appears twice`);
    names.add(c.name);
    if (!Array.isArray(c.examples)) throw invalid(`${where}.examples must be an array`);
    return {
      name: c.name,
      examples: c.examples.map((e: unknown, ei: number) => {
        const at = `${where}.examples[${ei}]`;
        if (!isRecord(e)) throw invalid(`${at} must be an object`);
        if (typeof e.embedding !== 'string') throw invalid(`${at}.embedding must be a base64 string`);
        const embedding = readEmbedding(e.embedding, `${at}.embedding`, dimension);
        if (e.thumbnail !== undefined && (typeof e.thumbnail !== 'string' || !e.thumbnail.startsWith('data:image/'))) {
          throw invalid(`${at}.thumbnail must be an image data URL`);
        }
        // Version 1 has no copies (its examples are learnt as they are); version 2 may.
        if (e.augmented !== undefined && ((data.version as number) < 2 || !Array.isArray(e.augmented))) {
          throw invalid(`${at}.augmented must be an array of base64 strings (version 2 and later)`);
        }
        const augmented = Array.isArray(e.augmented) ? e.augmented.map((a: unknown, ai: number) => readEmbedding(a, `${at}.augmented[${ai}]`, dimension)) : [];
        return { id: exampleId(), embedding, thumbnail: typeof e.thumbnail === 'string' ? e.thumbnail : null, ...(augmented.length ? { augmented } : {}) };
      }),
    };
  });
  return { classes, dimension };
}

/** One base64 embedding of the file, checked (length, finite) and unit length. */
function readEmbedding(text: unknown, at: string, dimension: number): Float32Array {
  if (typeof text !== 'string') throw invalid(`${at} must be a base64 string`);
  const embedding = decodeFloat32(text, at);
  if (embedding.length !== dimension) throw invalid(`${at} has ${embedding.length} numbers, "extractor.dimension" says ${dimension}`);
  let sum = 0;
  for (let i = 0; i < embedding.length; i++) {
    if (!Number.isFinite(embedding[i])) throw invalid(`${at}[${i}] is ${embedding[i]}`);
    sum += embedding[i] * embedding[i];
  }
  // Files we wrote hold unit vectors already: keep their bits so predictions stay identical.
  if (Math.abs(sum - 1) > 1e-4) normalize(embedding);
  return embedding;
}

/** Base64 of a float32 array's little-endian bytes. */
export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The inverse of `encodeFloat32`; throws an `invalid-dataset` error on bad base64. */
export function decodeFloat32(text: string, where = 'embedding'): Float32Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch (cause) {
    throw invalid(`${where} is not valid base64`, cause);
  }
  if (binary.length % 4 !== 0) throw invalid(`${where} is ${binary.length} bytes, not a whole number of float32`);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function invalid(reason: string, cause?: unknown): ClassifierError {
  return new ClassifierError('invalid-dataset', `Not a valid dataset file: ${reason}.`, cause === undefined ? undefined : { cause });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
