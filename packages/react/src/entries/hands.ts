// @webcam-ml/react/hands: hand tracking hook and components (pulls in TF.js).
export { useHands } from '../hands/useHands';
export type { UseHandsOptions, UseHandsResult } from '../hands/useHands';
export { HandOverlay } from '../hands/HandOverlay';
export type { HandOverlayProps } from '../hands/HandOverlay';
export { HandView } from '../hands/HandView';
export type { HandViewProps } from '../hands/HandView';
