/**
 * Keypoint names, skeletons and result types shared by every pose model.
 *
 * Names follow pose-detection (COCO for MoveNet, MediaPipe's 33 for BlazePose). Models see the
 * frame as the camera delivers it (never mirrored), so `left_wrist` is always the person's own
 * left wrist; `screenSide()` in `sides.ts` says where it appears on a mirrored display.
 */

/** The 17 COCO keypoints MoveNet returns, in model order. */
export const COCO_KEYPOINTS = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;

/** The 33 keypoints BlazePose returns, in model order. */
export const BLAZEPOSE_KEYPOINTS = [
  'nose',
  'left_eye_inner',
  'left_eye',
  'left_eye_outer',
  'right_eye_inner',
  'right_eye',
  'right_eye_outer',
  'left_ear',
  'right_ear',
  'mouth_left',
  'mouth_right',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_pinky',
  'right_pinky',
  'left_index',
  'right_index',
  'left_thumb',
  'right_thumb',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
  'left_heel',
  'right_heel',
  'left_foot_index',
  'right_foot_index',
] as const;

export type CocoKeypointName = (typeof COCO_KEYPOINTS)[number];
export type BlazePoseKeypointName = (typeof BLAZEPOSE_KEYPOINTS)[number];
/** Any keypoint name a pose model of webcam-ml returns. */
export type KeypointName = CocoKeypointName | BlazePoseKeypointName;

/** One body keypoint of a detected pose. */
export interface PoseKeypoint {
  name: KeypointName;
  /** Source-frame pixels, unmirrored (the frame as the camera or file delivered it). */
  x: number;
  y: number;
  /** `x` and `y` divided by the frame's width and height: 0..1 across the frame. */
  nx: number;
  ny: number;
  /** Confidence 0..1 that the keypoint is where it says. */
  score: number;
}

/** One detected person. */
export interface Pose {
  /** Confidence 0..1 that this is a person (mean of the confident keypoints' scores for MoveNet). */
  score: number;
  /** Every keypoint of the model, in model order (see `COCO_KEYPOINTS`, `BLAZEPOSE_KEYPOINTS`). */
  keypoints: PoseKeypoint[];
  /** A stable id per tracked person across frames (MultiPose only). */
  id?: number;
}

/** Pairs of keypoint names joined by a bone. */
export type Skeleton = readonly (readonly [KeypointName, KeypointName])[];

/** Bones between COCO keypoints (pose-detection's `COCO_CONNECTED_KEYPOINTS_PAIRS`). */
export const COCO_SKELETON: Skeleton = [
  ['nose', 'left_eye'],
  ['nose', 'right_eye'],
  ['left_eye', 'left_ear'],
  ['right_eye', 'right_ear'],
  ['left_shoulder', 'right_shoulder'],
  ['left_shoulder', 'left_elbow'],
  ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_elbow'],
  ['right_shoulder', 'right_hip'],
  ['left_elbow', 'left_wrist'],
  ['right_elbow', 'right_wrist'],
  ['left_hip', 'right_hip'],
  ['left_hip', 'left_knee'],
  ['right_hip', 'right_knee'],
  ['left_knee', 'left_ankle'],
  ['right_knee', 'right_ankle'],
];

/** Bones between BlazePose keypoints (pose-detection's pairs, without its one duplicate). */
export const BLAZEPOSE_SKELETON: Skeleton = [
  ['nose', 'left_eye_inner'],
  ['nose', 'right_eye_inner'],
  ['left_eye_inner', 'left_eye'],
  ['left_eye', 'left_eye_outer'],
  ['left_eye_outer', 'left_ear'],
  ['right_eye_inner', 'right_eye'],
  ['right_eye', 'right_eye_outer'],
  ['right_eye_outer', 'right_ear'],
  ['mouth_left', 'mouth_right'],
  ['left_shoulder', 'right_shoulder'],
  ['left_shoulder', 'left_elbow'],
  ['left_shoulder', 'left_hip'],
  ['right_shoulder', 'right_elbow'],
  ['right_elbow', 'right_wrist'],
  ['right_shoulder', 'right_hip'],
  ['left_elbow', 'left_wrist'],
  ['left_wrist', 'left_pinky'],
  ['right_wrist', 'right_pinky'],
  ['right_wrist', 'right_index'],
  ['left_wrist', 'left_index'],
  ['left_wrist', 'left_thumb'],
  ['right_wrist', 'right_thumb'],
  ['left_pinky', 'left_index'],
  ['right_pinky', 'right_index'],
  ['left_hip', 'left_knee'],
  ['left_hip', 'right_hip'],
  ['right_hip', 'right_knee'],
  ['left_knee', 'left_ankle'],
  ['right_knee', 'right_ankle'],
  ['left_ankle', 'left_heel'],
  ['right_ankle', 'right_heel'],
  ['left_ankle', 'left_foot_index'],
  ['right_ankle', 'right_foot_index'],
  ['left_heel', 'left_foot_index'],
  ['right_heel', 'right_foot_index'],
];

/** The skeleton that fits a pose's keypoints (BlazePose's when it has 33, else COCO's). */
export function skeletonFor(pose: Pose): Skeleton {
  return pose.keypoints.length === BLAZEPOSE_KEYPOINTS.length ? BLAZEPOSE_SKELETON : COCO_SKELETON;
}

/** The keypoint called `name`, or `undefined` when this model has no such keypoint. */
export function getKeypoint(pose: Pose, name: KeypointName): PoseKeypoint | undefined {
  return pose.keypoints.find((k) => k.name === name);
}
