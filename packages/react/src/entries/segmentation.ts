// @webcam-ml/react/segmentation: person masks, background effects and the processed stream (pulls in TF.js).
export { useSegmentation } from '../segmentation/useSegmentation';
export type { UseSegmentationOptions, UseSegmentationResult } from '../segmentation/useSegmentation';
export { BackgroundEffect } from '../segmentation/BackgroundEffect';
export type { BackgroundEffectProps } from '../segmentation/BackgroundEffect';
export { useProcessedStream } from '../segmentation/useProcessedStream';
export type { UseProcessedStreamOptions } from '../segmentation/useProcessedStream';
