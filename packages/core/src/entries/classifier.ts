// @webcam-ml/core/classifier: the trainable classifier engine, its feature extractors and dataset IO
// (pulls in TF.js layers; 'pose', 'face' and 'hands' features pull in their engines).
export { ClassifierEngine } from '../classifier/ClassifierEngine';
export type { ClassifierEngineOptions, ClassifierResult } from '../classifier/ClassifierEngine';
export { resolveClassifierOptions } from '../classifier/classifierOptions';
export { ClassifierError, ClassifierErrorCode } from '../classifier/ClassifierError';
export { UNKNOWN_LABEL } from '../classifier/types';
export type {
  ClassConfidence,
  ClassInfo,
  ClassifierHead,
  ClassifierOptions,
  ClassifierPrediction,
  ClassifierState,
  CustomFeatureOptions,
  ExampleInfo,
  ExtractContext,
  ExtractFunction,
  FaceFeatureOptions,
  FeatureName,
  FeatureOptions,
  FeaturesOption,
  HandsFeatureOptions,
  ImageFeatureOptions,
  PoseFeatureOptions,
  StorageState,
  TeachableMachineOptions,
  TrainingState,
  UnknownReason,
} from '../classifier/types';
export type { TrainOptions } from '../classifier/DenseHead';
export type { HeldOutReport } from '../classifier/denseTraining';
export { AUGMENT_DEFAULTS, resolveAugment } from '../classifier/augmentation';
export type { AugmentOptions } from '../classifier/augmentation';
export { fitEmbeddingSpace } from '../classifier/embeddingSpace';
export type { EmbeddingMetric, EmbeddingSpace } from '../classifier/embeddingSpace';
export { assessDataset } from '../classifier/datasetQuality';
export type { ClassQuality, DatasetQuality, QualityOptions } from '../classifier/datasetQuality';
export { DATASET_FORMAT, DATASET_VERSION, parseDatasetFile, toDatasetFile } from '../classifier/datasetFile';
export type { DatasetExpectation, DatasetFile, DatasetFileV1, DatasetFileV2 } from '../classifier/datasetFile';
export { IndexedDbDatasetStorage } from '../classifier/datasetStorage';
export type { DatasetStorage, SavedDataset } from '../classifier/datasetStorage';
export { knnVote } from '../classifier/knn';
export { poseEmbedding } from '../classifier/extractors/poseExtractor';
export { faceEmbedding } from '../classifier/extractors/faceExtractor';
export { HAND_EMBEDDING_SIZE, handEmbedding } from '../hands/handEmbedding';
export { MOBILENET_V2_CUTS, MOBILENET_V2_PATH, mobileNetV2Spec } from '../classifier/extractors/mobileNetV2';
export type { MobileNetV2Features } from '../classifier/extractors/mobileNetV2';
export { parseTeachableMachineMetadata, teachableMachineSpec } from '../classifier/teachableMachine';
export type { TeachableMachineModel } from '../classifier/teachableMachine';
export { DEFAULT_POSENET_URL, poseNetOutputs } from '../classifier/teachableMachinePose';
export type { PoseNetBase, PoseNetSettings, TeachableMachinePose } from '../classifier/teachableMachinePose';
