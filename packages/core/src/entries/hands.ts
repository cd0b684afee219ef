// @webcam-ml/core/hands: hand tracking (pulls in TF.js).
export { HandsEngine } from '../hands/HandsEngine';
export type { HandsInput, HandsState, HandsStatus } from '../hands/HandsEngine';
export { HandsError, type HandsErrorCode } from '../hands/HandsError';
export { MAX_HANDS, resolveHandsOptions } from '../hands/handsOptions';
export type { HandsOptions, ResolvedHandsOptions } from '../hands/handsOptions';
export { HAND_MODELS, handDetectorSpec, handLandmarkSpec } from '../hands/handsModels';
export type { HandModelName, LoadedHandGraph } from '../hands/handsModels';
export type { TrackerCounts } from '../hands/HandTracker';
export { HAND_KEYPOINT_NAMES } from '../hands/types';
export type { Hand, HandGesture, HandGestureName, HandKeypoint, HandKeypoint3D, HandKeypointName, Handedness, HandsResult } from '../hands/types';
export { recognizeGestures } from '../hands/gestures/index';
export type { GestureInput } from '../hands/gestures/index';
export { MIN_GESTURE_SCORE } from '../hands/gestures/index';
export { HAND_SKELETON, handPartOf } from '../hands/handSkeleton';
export type { HandPart } from '../hands/handSkeleton';
