// @webcam-ml/react/pose: pose tracking hook and components (pulls in TF.js and pose-detection).
export { usePose } from '../pose/usePose';
export type { UsePoseOptions, UsePoseResult } from '../pose/usePose';
export { PoseOverlay } from '../pose/PoseOverlay';
export type { PoseOverlayProps } from '../pose/PoseOverlay';
export { PoseView } from '../pose/PoseView';
export type { PoseViewProps } from '../pose/PoseView';
export type { TrackingViewProps } from '../shared/viewProps';
