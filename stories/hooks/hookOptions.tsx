// Documentation-only components: their props are exactly each hook's options, so Storybook's
// args tables show every option with its JSDoc and @default, straight from the types.
import type { UseWebcamOptions, UseWebcamResult } from '@webcam-ml/react/webcam';
import type { UsePoseOptions, UsePoseResult } from '@webcam-ml/react/pose';
import type { UseFaceInfoOptions, UseFaceInfoResult } from '@webcam-ml/react/face';
import type { UseTrainableClassifierOptions, UseTrainableClassifierResult } from '@webcam-ml/react/classifier';
import type { UseProcessedStreamOptions, UseSegmentationOptions, UseSegmentationResult } from '@webcam-ml/react/segmentation';

/** The options of `useWebcam`. */
export function UseWebcamOptionsTable(_options: UseWebcamOptions) {
  return null;
}

/** The options of `usePose`. */
export function UsePoseOptionsTable(_options: UsePoseOptions) {
  return null;
}

/** The options of `useFaceInfo`. */
export function UseFaceInfoOptionsTable(_options: UseFaceInfoOptions) {
  return null;
}

/** The options of `useTrainableClassifier`. */
export function UseTrainableClassifierOptionsTable(_options: UseTrainableClassifierOptions) {
  return null;
}

/** The options of `useSegmentation`. */
export function UseSegmentationOptionsTable(_options: UseSegmentationOptions) {
  return null;
}

/** The options of `useProcessedStream` (its second argument). */
export function UseProcessedStreamOptionsTable(_options: UseProcessedStreamOptions) {
  return null;
}

// What each hook returns, documented the same way (ResultTable renders name, type and meaning).

/** What `useWebcam` returns. */
export function UseWebcamResultTable(_result: UseWebcamResult) {
  return null;
}

/** What `usePose` returns. */
export function UsePoseResultTable(_result: UsePoseResult) {
  return null;
}

/** What `useFaceInfo` returns. */
export function UseFaceInfoResultTable(_result: UseFaceInfoResult) {
  return null;
}

/** What `useTrainableClassifier` returns. */
export function UseTrainableClassifierResultTable(_result: UseTrainableClassifierResult) {
  return null;
}

/** What `useSegmentation` returns. */
export function UseSegmentationResultTable(_result: UseSegmentationResult) {
  return null;
}
