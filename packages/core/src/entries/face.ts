// @webcam-ml/core/face: face detection, landmarks, age/gender, expressions and matching (TF.js).
export { FaceEngine } from '../face/FaceEngine';
export type { FaceInput } from '../face/FaceEngine';
export { FaceMatcher, descriptorDistance, DESCRIPTOR_LENGTH } from '../face/FaceMatcher';
export type { FaceMatch, FaceMatcherOptions, FaceMatcherState, LabeledFace, LabeledFaceSet } from '../face/FaceMatcher';
export { FaceError, FaceErrorCode } from '../face/FaceError';
export { resolveFaceOptions, DEFAULT_FACE_OPTIONS } from '../face/resolveFaceOptions';
export { FaceTracker, iou, dominantExpression } from '../face/FaceTracker';
export { FACE_EXPRESSIONS } from '../face/types';
export type {
  FaceBox,
  FaceDetector,
  FaceEngineOptions,
  FaceEngineState,
  FaceExpression,
  FaceExpressions,
  FaceInfo,
  FaceLandmarkModel,
  FacePoint,
  FaceResult,
  ResolvedFaceOptions,
} from '../face/types';
