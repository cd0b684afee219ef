import { describe, expect, it } from 'vitest';
import * as poseDetection from '@tensorflow-models/pose-detection';
import {
  angleAt,
  BLAZEPOSE_KEYPOINTS,
  BLAZEPOSE_SKELETON,
  bodySide,
  COCO_KEYPOINTS,
  COCO_SKELETON,
  getKeypoint,
  jointAngle,
  oppositeKeypoint,
  RepCounter,
  screenSide,
  type KeypointName,
  type Pose,
} from '@webcam-ml/core/pose';

/** A COCO pose with every keypoint at the origin except the given ones. */
function pose(points: Partial<Record<KeypointName, [number, number, number?]>>): Pose {
  return {
    score: 0.9,
    keypoints: COCO_KEYPOINTS.map((name) => {
      const [x, y, score = 0.9] = points[name] ?? [0, 0, 0];
      return { name, x, y, nx: x / 100, ny: y / 100, score };
    }),
  };
}

/** A squatting (or standing) person: hip above knee, ankle below at the given knee angle. */
function legs(kneeAngleDeg: number, visible = 0.9): Pose {
  const rad = (kneeAngleDeg * Math.PI) / 180;
  const knee: [number, number, number] = [50, 60, visible];
  const hip: [number, number, number] = [50, 30, visible];
  // Ankle 30 px from the knee, at the angle from the knee→hip direction (straight up).
  const ankle: [number, number, number] = [50 + 30 * Math.sin(rad), 60 - 30 * Math.cos(rad), visible];
  return pose({ left_hip: hip, left_knee: knee, left_ankle: ankle, right_hip: hip, right_knee: knee, right_ankle: ankle });
}

describe('given the keypoint names and skeletons', () => {
  it('match pose-detection keypoint order for MoveNet and BlazePose', () => {
    const coco = poseDetection.util.getKeypointIndexByName(poseDetection.SupportedModels.MoveNet);
    const blaze = poseDetection.util.getKeypointIndexByName(poseDetection.SupportedModels.BlazePose);
    expect(COCO_KEYPOINTS.map((n) => coco[n])).toEqual(COCO_KEYPOINTS.map((_, i) => i));
    expect(BLAZEPOSE_KEYPOINTS.map((n) => blaze[n])).toEqual(BLAZEPOSE_KEYPOINTS.map((_, i) => i));
  });

  it('join the same pairs as pose-detection', () => {
    const asNames = (pairs: number[][], names: readonly string[]) =>
      new Set(pairs.map(([a, b]) => `${names[a]}-${names[b]}`));
    const coco = asNames(poseDetection.util.getAdjacentPairs(poseDetection.SupportedModels.MoveNet), COCO_KEYPOINTS);
    const blaze = asNames(poseDetection.util.getAdjacentPairs(poseDetection.SupportedModels.BlazePose), BLAZEPOSE_KEYPOINTS);
    expect(new Set(COCO_SKELETON.map(([a, b]) => `${a}-${b}`))).toEqual(coco);
    expect(new Set(BLAZEPOSE_SKELETON.map(([a, b]) => `${a}-${b}`))).toEqual(blaze);
  });
});

describe('given three points', () => {
  it('measures the angle at the middle one in degrees', () => {
    expect(angleAt({ x: 1, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 1 })).toBeCloseTo(90);
    expect(angleAt({ x: -1, y: 0 }, { x: 0, y: 0 }, { x: 1, y: 0 })).toBeCloseTo(180);
    expect(angleAt({ x: 1, y: 1 }, { x: 0, y: 0 }, { x: 1, y: 0 })).toBeCloseTo(45);
  });

  it('measures a joint of a pose, or null when a keypoint is not confident', () => {
    expect(jointAngle(legs(120), ['left_hip', 'left_knee', 'left_ankle'])).toBeCloseTo(120);
    expect(jointAngle(legs(120, 0.1), ['left_hip', 'left_knee', 'left_ankle'])).toBeNull();
    expect(getKeypoint(legs(90), 'left_knee')).toMatchObject({ x: 50, y: 60 });
  });
});

describe('given a person facing the camera', () => {
  // Facing the camera, the person's left wrist is on the right of the raw frame.
  const leftWrist = { x: 80 };

  it('names the body side from the keypoint, whatever the display', () => {
    expect(bodySide('left_wrist')).toBe('left');
    expect(bodySide('mouth_right')).toBe('right');
    expect(bodySide('nose')).toBeNull();
  });

  it('puts the left wrist on the left of a mirrored display and on the right of a raw one', () => {
    expect(screenSide(leftWrist, 100, true)).toBe('left');
    expect(screenSide(leftWrist, 100, false)).toBe('right');
  });

  it('swaps left and right names for a viewer-side label', () => {
    expect(oppositeKeypoint('left_wrist')).toBe('right_wrist');
    expect(oppositeKeypoint('right_eye_inner')).toBe('left_eye_inner');
    expect(oppositeKeypoint('mouth_left')).toBe('mouth_right');
    expect(oppositeKeypoint('nose')).toBe('nose');
  });
});

describe('given a squat counter', () => {
  it('counts one rep per up, down, up cycle', () => {
    const counter = new RepCounter();
    for (const angle of [175, 150, 120, 90, 85, 120, 170, 178, 95, 80, 170]) counter.update(legs(angle));
    expect(counter.current).toMatchObject({ count: 2, phase: 'up' });
  });

  it('does not count jitter around one threshold (hysteresis)', () => {
    const counter = new RepCounter();
    for (const angle of [170, 115, 125, 115, 125, 115, 150, 155]) counter.update(legs(angle));
    expect(counter.current).toMatchObject({ count: 0, phase: 'down' });
  });

  it('does not count a squat started before it saw the person standing', () => {
    const counter = new RepCounter();
    for (const angle of [90, 80, 170]) counter.update(legs(angle));
    expect(counter.current.count).toBe(0);
  });

  it('keeps its phase while the legs are not visible', () => {
    const counter = new RepCounter();
    counter.update(legs(170));
    counter.update(legs(90));
    expect(counter.update(undefined)).toMatchObject({ phase: 'down', angle: null });
    expect(counter.update(legs(170)).count).toBe(1);
  });

  it('rejects thresholds in the wrong order', () => {
    expect(() => new RepCounter({ downBelow: 160, upAbove: 100 })).toThrow(/downBelow \(160\) must be smaller than upAbove \(100\)/);
  });
});
