// @webcam-ml/core/pose: the pose engine and its helpers (pulls in TF.js and pose-detection).
export { PoseEngine } from '../pose/PoseEngine';
export type { PoseInput, PoseResult, PoseState, PoseStatus } from '../pose/PoseEngine';
export { PoseError, PoseOptionsError, type PoseErrorCode } from '../pose/PoseError';
export { resolvePoseOptions } from '../pose/poseOptions';
export type { PoseOptions, ResolvedPoseOptions } from '../pose/poseOptions';
export { POSE_MODELS, maxPosesOf } from '../pose/poseModels';
export type { PoseModelName } from '../pose/poseModels';
export {
  BLAZEPOSE_KEYPOINTS,
  BLAZEPOSE_SKELETON,
  COCO_KEYPOINTS,
  COCO_SKELETON,
  getKeypoint,
  skeletonFor,
} from '../pose/keypoints';
export type {
  BlazePoseKeypointName,
  CocoKeypointName,
  KeypointName,
  Pose,
  PoseKeypoint,
  Skeleton,
} from '../pose/keypoints';
export { angleAt, jointAngle } from '../pose/jointAngle';
export type { JointTriple } from '../pose/jointAngle';
export { bodySide, oppositeKeypoint, screenSide } from '../pose/sides';
export type { Side } from '../pose/sides';
export { RepCounter } from '../pose/RepCounter';
export type { RepCounterOptions, RepCounterState, RepPhase } from '../pose/RepCounter';
