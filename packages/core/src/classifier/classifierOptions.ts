import { resolveAugment } from './augmentation';
import { ClassifierError } from './ClassifierError';
import type { DatasetStorage } from './datasetStorage';
import type { ClassifierOptions } from './types';

/** Options of a `ClassifierEngine`: the hook's options plus where datasets are saved. */
export interface ClassifierEngineOptions extends ClassifierOptions {
  /**
   * Where `datasetName` datasets are saved and restored.
   * @default IndexedDB (database `webcam-ml-classifier`)
   */
  storage?: DatasetStorage;
}

/** The options with every default filled in. */
export type ResolvedClassifierOptions = Required<Omit<ClassifierEngineOptions, 'storage'>> & { storage: DatasetStorage | null };

const DEFAULTS: ResolvedClassifierOptions = {
  features: 'image',
  head: 'knn',
  metric: 'invariant',
  augment: true,
  k: 5,
  threshold: 0.5,
  minExamples: 3,
  datasetName: null,
  autoSave: true,
  recordFps: 10,
  predict: true,
  maxFps: 30,
  enabled: true,
  mirrored: false,
  thumbnailSize: 48,
  teachableMachine: null,
  storage: null,
};

/**
 * Fill in the documented defaults for what is left out (options are the whole truth, never merged
 * onto earlier ones) and validate; throws a `ClassifierError` (`invalid-options`) naming the
 * option and the allowed values.
 */
export function resolveClassifierOptions(options: ClassifierEngineOptions = {}): ResolvedClassifierOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ClassifierEngineOptions;
  const next = { ...DEFAULTS, ...defined } as ResolvedClassifierOptions;
  const fail = (name: string, expected: string, value: unknown) => {
    throw new ClassifierError('invalid-options', `useTrainableClassifier: ${name} must be ${expected}; got ${JSON.stringify(value)}`);
  };
  if (!Number.isInteger(next.k) || next.k < 1) fail('k', 'an integer >= 1', next.k);
  if (!(next.threshold >= 0 && next.threshold <= 1)) fail('threshold', 'a number from 0 to 1', next.threshold);
  if (!Number.isInteger(next.minExamples) || next.minExamples < 1) fail('minExamples', 'an integer >= 1', next.minExamples);
  if (!(next.recordFps > 0 && next.recordFps <= 60)) fail('recordFps', 'a number > 0 and <= 60', next.recordFps);
  if (!(next.maxFps > 0)) fail('maxFps', 'a number > 0', next.maxFps);
  if (typeof next.enabled !== 'boolean') fail('enabled', 'true or false', next.enabled);
  if (!Number.isInteger(next.thumbnailSize) || next.thumbnailSize < 0 || next.thumbnailSize > 512) fail('thumbnailSize', 'an integer from 0 to 512', next.thumbnailSize);
  if (next.head !== 'knn' && next.head !== 'dense') fail('head', "'knn' or 'dense'", next.head);
  resolveAugment(next.augment);
  if (!['cosine', 'centred', 'standardised', 'invariant'].includes(next.metric)) fail('metric', "'cosine', 'centred', 'standardised' or 'invariant'", next.metric);
  if (next.datasetName !== null && (typeof next.datasetName !== 'string' || next.datasetName === '')) fail('datasetName', 'a non-empty string or null', next.datasetName);
  if (next.teachableMachine !== null && (typeof next.teachableMachine !== 'object' || typeof next.teachableMachine.modelUrl !== 'string')) {
    fail('teachableMachine', '{ modelUrl, metadataUrl?, posenetUrl? } or null', next.teachableMachine);
  }
  if (next.teachableMachine?.posenetUrl !== undefined && typeof next.teachableMachine.posenetUrl !== 'string') fail('teachableMachine.posenetUrl', 'a URL string', next.teachableMachine.posenetUrl);
  return next;
}
