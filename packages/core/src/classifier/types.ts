import type { TaskState } from '../task/types';
import type { ClassifierError } from './ClassifierError';
import type { AugmentOptions } from './augmentation';
import type { HeldOutReport } from './denseTraining';
import type { EmbeddingMetric } from './embeddingSpace';
import type { FeaturesOption } from './featureTypes';

/** The label a prediction carries when no class is confident enough. */
export const UNKNOWN_LABEL = 'unknown';

export type { FeatureName, ImageFeatureOptions, PoseFeatureOptions, FaceFeatureOptions, HandsFeatureOptions, ExtractContext, ExtractFunction, CustomFeatureOptions, FeatureOptions, FeaturesOption } from './featureTypes';

/** A Teachable Machine image- or pose-model export used as the classifier (read-only: no training). */
export interface TeachableMachineOptions {
  /** URL of the export's `model.json`. */
  modelUrl: string;
  /**
   * URL of its `metadata.json` (labels, image size; a pose export's PoseNet settings).
   * @default `metadata.json` next to `modelUrl`
   */
  metadataUrl?: string;
  /**
   * A pose export only: URL of the PoseNet model (MobileNetV1 0.75, stride 16, a TF.js graph
   * model) it reads, relative to `modelBaseUrl`; `webcam-ml-models copy --only classifier:posenet`
   * puts it there.
   * @default 'classifier/posenet/model.json'
   */
  posenetUrl?: string;
}

/** How predictions are made from the examples. */
export type ClassifierHead = 'knn' | 'dense';

/** Options of a `ClassifierEngine` (and of `useTrainableClassifier`). */
export interface ClassifierOptions {
  /**
   * What each frame is turned into before classifying.
   * @default 'image'
   */
  features?: FeaturesOption;
  /**
   * `'knn'`: k-nearest neighbours (cosine) over the examples, nothing to train. `'dense'`: a small
   * dense network trained in the browser on the examples by `train()` (until then, KNN is used).
   * @default 'knn'
   */
  head?: ClassifierHead;
  /**
   * How embeddings are compared (KNN) and fed to the dense head, learnt from the examples:
   * `'cosine'` as they are; `'centred'` minus the examples' mean (what every example shares, the
   * scene and the light, cancels out); `'standardised'` also divided by each number's spread;
   * `'invariant'` centred, then the directions in which the augmented copies differ from their
   * examples (light, shift, zoom, noise) taken out, so what the copies vary does not count.
   * See `embeddingSpace.ts`.
   * @default 'invariant'
   */
  metric?: EmbeddingMetric;
  /**
   * Augmented copies learnt with each example taken (light, a small shift and zoom, noise; for
   * pose and face features keypoint jitter), so examples taught in one light still work in
   * another. `true` is the defaults of `AugmentOptions`; `false` learns examples as they are. A
   * change applies to examples taken afterwards. Custom features are never augmented.
   * @default true
   */
  augment?: AugmentOptions | boolean;
  /**
   * Neighbours that vote in a KNN prediction.
   * @default 5
   */
  k?: number;
  /**
   * Below this confidence (0..1) the prediction is `'unknown'`.
   * @default 0.5
   */
  threshold?: number;
  /**
   * A class with fewer examples takes no part in predictions; with no class left the prediction
   * is `'unknown'`.
   * @default 3
   */
  minExamples?: number;
  /**
   * Name the dataset is saved under in IndexedDB (one saved dataset per name and extractor), and
   * restored from when the classifier starts. `null` keeps the dataset in memory only.
   * @default null
   */
  datasetName?: string | null;
  /**
   * Save to IndexedDB after every change (debounced) when `datasetName` is set.
   * @default true
   */
  autoSave?: boolean;
  /**
   * Examples per second taken while recording (`startRecording`).
   * @default 10
   */
  recordFps?: number;
  /**
   * Predict continuously on the source's frame loop. Turn off to classify only on demand
   * (`classify()`), for example on a paused video stepped frame by frame.
   * @default true
   */
  predict?: boolean;
  /**
   * Upper bound on predictions per second.
   * @default 30
   */
  maxFps?: number;
  /**
   * Whether the classifier runs at all: `false` stops the frame task, clears the prediction and
   * lets go of the features model (the examples stay; a direct call still works).
   * @default true
   */
  enabled?: boolean;
  /**
   * Flip frames horizontally before extracting features (for a selfie view trained as seen).
   * Saved with datasets: an import with the other setting is rejected.
   * @default false
   */
  mirrored?: boolean;
  /**
   * Side in pixels of the thumbnail kept with each example; 0 keeps none.
   * @default 48
   */
  thumbnailSize?: number;
  /**
   * Use a Teachable Machine image-model export as the classifier instead of examples.
   * @default null
   */
  teachableMachine?: TeachableMachineOptions | null;
}

/** One example as the UI sees it. */
export interface ExampleInfo {
  id: string;
  /** A small JPEG data URL of the frame, when thumbnails are on and a canvas was available. */
  thumbnail: string | null;
}

/** One class as the UI sees it. */
export interface ClassInfo {
  name: string;
  /** Number of examples. */
  count: number;
  /** Every example, oldest first. */
  examples: readonly ExampleInfo[];
}

/** One class's share of a prediction. */
export interface ClassConfidence {
  label: string;
  /** 0..1 */
  confidence: number;
}

/** Why a prediction is `'unknown'`. */
export type UnknownReason = 'below-threshold' | 'too-few-examples' | 'no-features';

/** The classifier's answer for one frame. */
export interface ClassifierPrediction {
  /** The winning class, or `'unknown'`. */
  label: string;
  /** Confidence of the best class (0..1), even when the label is `'unknown'`. */
  confidence: number;
  /** Every class, in class order (a class too small to vote gets 0). */
  confidences: readonly ClassConfidence[];
  /** Set when `label` is `'unknown'`. */
  reason: UnknownReason | null;
  /** The frame's timestamp, ms. */
  timestamp: number;
}

/** The persistence side of the state. */
export interface StorageState {
  status: 'off' | 'loading' | 'saving' | 'saved' | 'error';
  /** A `ClassifierError` with code `'quota-exceeded'` or `'storage'`; the data is still in memory. */
  error: ClassifierError | null;
}

/** The dense head's training state. */
export interface TrainingState {
  /** `'stale'`: the examples changed since the head was trained. */
  status: 'untrained' | 'training' | 'trained' | 'stale' | 'error';
  epoch: number;
  epochs: number;
  loss: number | null;
  error: ClassifierError | null;
  /** After training: how the head did on the examples it held out (per class: "how sure"). */
  heldOut?: HeldOutReport | null;
}

/** The engine's observable state. */
export interface ClassifierState extends TaskState {
  /** The active feature extractor: its id and embedding size (null until known). */
  extractor: { id: string; dimension: number | null };
  /** The classes in order, each with its `count` of examples and the examples (thumbnails included). */
  classes: readonly ClassInfo[];
  /** The last frame's prediction: `label` (or `'unknown'` below the threshold) and a confidence per class; null before the first. */
  prediction: ClassifierPrediction | null;
  /** The class being recorded, if any. */
  recording: string | null;
  /**
   * While recording: the last frame had nobody to learn from (`pose` or `face` features found no
   * person or face), so no example was taken. False when not recording.
   */
  nothingToRecord: boolean;
  /** Saving to and restoring from IndexedDB: `status` (`'off' | 'loading' | 'saving' | 'saved' | 'error'`) and the last `error`. */
  storage: StorageState;
  /** The dense head's training: `status`, `epoch` of `epochs`, the last `loss`, `error`. */
  training: TrainingState;
  /** `true` when a Teachable Machine export is the classifier (training actions are refused). */
  readOnly: boolean;
  /** Where the last prediction's time went, ms: extracting features, then classifying them. */
  timings: { embedMs: number; classifyMs: number };
}
