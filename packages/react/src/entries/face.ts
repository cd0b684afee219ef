// @webcam-ml/react/face: useFaceInfo and the face components.
export { useFaceInfo } from '../face/useFaceInfo';
export type { UseFaceInfoOptions, UseFaceInfoResult } from '../face/useFaceInfo';
export { FaceInfoOverlay } from '../face/FaceInfoOverlay';
export type { FaceInfoOverlayProps } from '../face/FaceInfoOverlay';
export { FaceInfoCard } from '../face/FaceInfoCard';
export type { FaceInfoCardProps } from '../face/FaceInfoCard';
export { ExpressionMeter } from '../face/ExpressionMeter';
export type { ExpressionMeterProps } from '../face/ExpressionMeter';
export { EXPRESSION_EMOJI, faceLabel } from '../face/faceText';
export { ExpressionIcon, type ExpressionIconProps } from '../face/ExpressionIcon';
