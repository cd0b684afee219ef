// @webcam-ml/react: every hook and component, as explicit lists (the same names as the subpath
// entries /webcam, /runtime, /pose, /face, /segmentation, /hands, /classifier). Tree-shakes (`sideEffects: false`):
// importing only the webcam names pulls in no TF.js, which tests/unit/size-budget.test.ts enforces.

// webcam
export { useCoordinateMapper, useWebcam, useWebcamContext, Webcam, WebcamView } from './webcam';
export type {
  UseWebcamOptions,
  UseWebcamResult,
  WebcamContextValue,
  WebcamProps,
  WebcamVideoProps,
  WebcamViewProps,
} from './webcam';

// runtime
export { WebcamMLProvider, type WebcamMLProviderProps } from './runtime/WebcamMLProvider';
export { useBackend, type UseBackendOptions, type UseBackendResult } from './runtime/useBackend';
export { PerformanceDisplay, type PerformanceDisplayProps, type PerformanceStats } from './runtime/PerformanceDisplay';
export { RuntimeContext, useRuntime } from './runtime/RuntimeContext';
export { useTaskState, shallowEqual, type StateSource } from './shared/useTaskState';
export type { TaskHandles } from './shared/useTaskEngine';
export { webcamMLThemeCss } from './theme/themeCss';
export type { UnstyledProp } from './theme/useThemeStyle';

// pose
export { usePose } from './pose/usePose';
export type { UsePoseOptions, UsePoseResult } from './pose/usePose';
export { PoseOverlay } from './pose/PoseOverlay';
export type { PoseOverlayProps } from './pose/PoseOverlay';
export { PoseView } from './pose/PoseView';
export type { PoseViewProps } from './pose/PoseView';
export type { TrackingViewProps } from './shared/viewProps';

// face
export { useFaceInfo } from './face/useFaceInfo';
export type { UseFaceInfoOptions, UseFaceInfoResult } from './face/useFaceInfo';
export { FaceInfoOverlay } from './face/FaceInfoOverlay';
export type { FaceInfoOverlayProps } from './face/FaceInfoOverlay';
export { FaceInfoCard } from './face/FaceInfoCard';
export type { FaceInfoCardProps } from './face/FaceInfoCard';
export { ExpressionMeter } from './face/ExpressionMeter';
export type { ExpressionMeterProps } from './face/ExpressionMeter';
export { EXPRESSION_EMOJI, faceLabel } from './face/faceText';
export { ExpressionIcon, type ExpressionIconProps } from './face/ExpressionIcon';

// hands
export { useHands } from './hands/useHands';
export type { UseHandsOptions, UseHandsResult } from './hands/useHands';
export { HandOverlay } from './hands/HandOverlay';
export type { HandOverlayProps } from './hands/HandOverlay';
export { HandView } from './hands/HandView';
export type { HandViewProps } from './hands/HandView';

// segmentation
export { useSegmentation } from './segmentation/useSegmentation';
export type { UseSegmentationOptions, UseSegmentationResult } from './segmentation/useSegmentation';
export { BackgroundEffect } from './segmentation/BackgroundEffect';
export type { BackgroundEffectProps } from './segmentation/BackgroundEffect';
export { useProcessedStream } from './segmentation/useProcessedStream';
export type { UseProcessedStreamOptions } from './segmentation/useProcessedStream';

// classifier
export { useTrainableClassifier } from './classifier/useTrainableClassifier';
export type { ClassifierActions, UseTrainableClassifierOptions, UseTrainableClassifierResult } from './classifier/useTrainableClassifier';
export { ClassifierTrainer } from './classifier/ClassifierTrainer';
export type { ClassifierTrainerProps } from './classifier/ClassifierTrainer';
export { PredictionBars } from './classifier/PredictionBars';
export type { PredictionBarsProps, PredictionLike } from './classifier/PredictionBars';
