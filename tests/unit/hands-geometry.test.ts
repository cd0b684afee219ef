import { describe, expect, it } from 'vitest';
import { handRotation, normalizeRadians, roiFromLandmarks, roiToSource, roiTransform, type Point2 } from '../../packages/core/src/hands/handRoi';
import { HAND_SKELETON, handPartOf } from '@webcam-ml/core/hands';
import { HAND_KEYPOINT_NAMES } from '@webcam-ml/core/hands';

/** A schematic hand, fingers up, wrist at (100, 200), 100 px tall, then turned by `angle` about the wrist. */
function hand(angle: number): Point2[] {
  const upright: Point2[] = [{ x: 0, y: 0 }];
  const columns = [-30, -15, 0, 15, 30]; // thumb .. pinky
  for (const [f, x] of columns.entries()) {
    for (let j = 1; j <= 4; j++) upright.push({ x: x * (f === 0 ? 1.3 : 1), y: -(f === 0 ? 10 + j * 12 : 40 + j * 15) });
  }
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return upright.map((p) => ({ x: 100 + p.x * cos - p.y * sin, y: 200 + p.x * sin + p.y * cos }));
}

describe('given a hand pointing up, right, down and left', () => {
  it.each([
    [0, 0],
    [Math.PI / 2, Math.PI / 2],
    [Math.PI, -Math.PI],
    [-Math.PI / 2, -Math.PI / 2],
  ])('turned %f rad, its rotation is %f (clockwise from up)', (angle, expected) => {
    expect(normalizeRadians(handRotation(hand(angle)) - expected)).toBeCloseTo(0, 6);
  });

  it('places the next ROI square, about twice the palm, shifted towards the fingers, whatever the turn', () => {
    const upright = roiFromLandmarks(hand(0));
    expect(upright.width).toBe(upright.height);
    expect(upright.cy).toBeLessThan(200);
    for (const angle of [0.3, 1.2, 2.5, -2]) {
      const turned = roiFromLandmarks(hand(angle));
      expect(turned.width).toBeCloseTo(upright.width, 6);
      // The ROI centre turns with the hand about the wrist.
      const dx = upright.cx - 100;
      const dy = upright.cy - 200;
      expect(turned.cx).toBeCloseTo(100 + dx * Math.cos(angle) - dy * Math.sin(angle), 6);
      expect(turned.cy).toBeCloseTo(200 + dx * Math.sin(angle) + dy * Math.cos(angle), 6);
    }
  });
});

describe('given a rotated ROI', () => {
  const roi = { cx: 50, cy: 80, width: 40, height: 60, rotation: Math.PI / 2 };

  it("maps its top (towards the fingers) to the hand's direction", () => {
    // Rotation π/2: the hand points right, so the ROI's top edge is on the right.
    const top = roiToSource(roi, 0, -0.5);
    expect(top.x).toBeCloseTo(80, 6);
    expect(top.y).toBeCloseTo(80, 6);
  });

  it('samples the crop where roiToSource says each crop pixel centre is', () => {
    const size = 8;
    const t = roiTransform(roi, size);
    for (const [u, v] of [[0, 0], [7, 0], [3, 5], [7, 7]]) {
      const p = roiToSource(roi, (u + 0.5) / size - 0.5, (v + 0.5) / size - 0.5);
      // tf.image.transform reads input index (a0 u + a1 v + a2, b0 u + b1 v + b2); index i is the pixel centred at i + 0.5.
      expect(t[0] * u + t[1] * v + t[2] + 0.5).toBeCloseTo(p.x, 6);
      expect(t[3] * u + t[4] * v + t[5] + 0.5).toBeCloseTo(p.y, 6);
    }
  });
});

describe('given the hand skeleton', () => {
  it('joins all 21 landmarks, each bone within one part', () => {
    const joined = new Set(HAND_SKELETON.flatMap((b) => [b.from, b.to]));
    expect(joined.size).toBe(21);
    for (const bone of HAND_SKELETON.filter((b) => b.part !== 'palm')) {
      expect([handPartOf(HAND_KEYPOINT_NAMES[bone.to])]).toContain(bone.part);
    }
  });
});
