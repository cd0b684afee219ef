// @webcam-ml/core/segmentation: person masks and background compositing (pulls in TF.js).
export { SegmentationEngine } from '../segmentation/SegmentationEngine';
export type { SegmentationInput, SegmentationResult, SegmentationState, SegmentationStatus } from '../segmentation/SegmentationEngine';
export { SegmentationError, SegmentationErrorCode } from '../segmentation/SegmentationError';
export { SEGMENTATION_MODELS, resolveSegmentationOptions } from '../segmentation/segmentationOptions';
export type { ResolvedSegmentationOptions, SegmentationModelName, SegmentationOptions } from '../segmentation/segmentationOptions';
export { SegmentationMask } from '../segmentation/SegmentationMask';
export type { MaskDrawOptions } from '../segmentation/SegmentationMask';
export { segmentationInput, segmentationModelSpec } from '../segmentation/segmentationModels';
export type { LoadedSegmentationModel } from '../segmentation/segmentationModels';
export { maskIoU, meanAbsDifference, mirrorMask, personFraction, smoothMask, thresholdMask } from '../segmentation/maskOps';
export { chooseCompositorKind, createBackgroundCompositor } from '../segmentation/compositor/createBackgroundCompositor';
export type { CompositorChoice } from '../segmentation/compositor/createBackgroundCompositor';
export { Canvas2DCompositor } from '../segmentation/compositor/Canvas2DCompositor';
export { WebGL2Compositor } from '../segmentation/compositor/WebGL2Compositor';
export type {
  BackgroundCompositor,
  BackgroundEffectName,
  BackgroundEffectSpec,
  CompositeOptions,
  CompositeSource,
  CompositorKind,
  CompositorPreference,
} from '../segmentation/compositor/types';
