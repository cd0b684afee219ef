import { describe, expect, it } from 'vitest';
import { FaceTracker, iou } from '../../packages/core/src/face/FaceTracker';
import type { RawFace } from '../../packages/core/src/face/estimateFaces';

function face(x: number, y: number, extra: Partial<RawFace> = {}): RawFace {
  return {
    box: { x, y, width: 100, height: 100 },
    score: 0.9,
    landmarks: null,
    age: null,
    gender: null,
    genderProbability: null,
    expressions: null,
    descriptor: null,
    ...extra,
  };
}

const expressions = (happy: number) => ({ neutral: 1 - happy, happy, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 });

describe('given two faces moving a little between frames', () => {
  it('keeps the id of each face', () => {
    const tracker = new FaceTracker();
    const first = tracker.update([face(0, 0), face(300, 0)], 0, 0);
    const second = tracker.update([face(310, 5), face(8, 4)], 33, 0);
    expect(second[0].id).toBe(first[1].id);
    expect(second[1].id).toBe(first[0].id);
  });

  it('gives a new face a new id', () => {
    const tracker = new FaceTracker();
    const [a] = tracker.update([face(0, 0)], 0, 0);
    const [, b] = tracker.update([face(0, 0), face(500, 500)], 33, 0);
    expect(b.id).not.toBe(a.id);
  });
});

describe('given a face the detector misses', () => {
  it('keeps its id through five missed frames', () => {
    const tracker = new FaceTracker();
    const [a] = tracker.update([face(0, 0)], 0, 0);
    for (let i = 1; i <= 5; i++) tracker.update([], i * 33, 0);
    const [b] = tracker.update([face(5, 0)], 200, 0);
    expect(b.id).toBe(a.id);
  });

  it('forgets it after six missed frames', () => {
    const tracker = new FaceTracker();
    const [a] = tracker.update([face(0, 0)], 0, 0);
    for (let i = 1; i <= 6; i++) tracker.update([], i * 33, 0);
    const [b] = tracker.update([face(0, 0)], 233, 0);
    expect(b.id).not.toBe(a.id);
  });

  it('keeps its age and gender averages when it comes back', () => {
    const tracker = new FaceTracker();
    tracker.update([face(0, 0, { age: 30, gender: 'male', genderProbability: 0.9 })], 0, 0);
    tracker.update([], 33, 0);
    const [b] = tracker.update([face(0, 0, { age: 40, gender: 'male', genderProbability: 0.7 })], 66, 0);
    expect(b.age).toBeCloseTo(35, 5);
    expect(b.genderProbability).toBeCloseTo(0.8, 5);
  });
});

describe('given a face that moved far between two slow frames (2 fps)', () => {
  it('keeps its id when its centre moved less than its size', () => {
    const tracker = new FaceTracker();
    const [a] = tracker.update([face(0, 0)], 0, 0);
    // IoU 0.25, under the 0.3 an overlap needs.
    const [b] = tracker.update([face(60, 0)], 500, 0);
    expect(iou(a.box, b.box)).toBeLessThan(0.3);
    expect(b.id).toBe(a.id);
  });

  it('gives a face that appeared further away a new id', () => {
    const tracker = new FaceTracker();
    const [a] = tracker.update([face(0, 0)], 0, 0);
    const [b] = tracker.update([face(90, 0)], 500, 0);
    expect(b.id).not.toBe(a.id);
  });

  it('matches overlapping pairs before near ones', () => {
    const tracker = new FaceTracker();
    const [a, c] = tracker.update([face(0, 0), face(200, 0)], 0, 0);
    // The second face moved onto the first one's old place's neighbourhood; the first barely moved.
    const next = tracker.update([face(130, 0), face(10, 0)], 500, 0);
    expect(next[1].id).toBe(a.id);
    expect(next[0].id).toBe(c.id);
  });
});

describe('given smoothing', () => {
  it('moves the box part of the way towards the new detection', () => {
    const tracker = new FaceTracker();
    tracker.update([face(0, 0)], 0, 0.5);
    const [b] = tracker.update([face(20, 0)], 1000 / 30, 0.5);
    expect(b.box.x).toBeCloseTo(10, 5);
  });

  it('keeps less of the past when more time passed', () => {
    const tracker = new FaceTracker();
    tracker.update([face(0, 0)], 0, 0.5);
    const [b] = tracker.update([face(20, 0)], 2000 / 30, 0.5);
    expect(b.box.x).toBeCloseTo(15, 5);
  });

  it('smooths expressions and recomputes the dominant expression', () => {
    const tracker = new FaceTracker();
    tracker.update([face(0, 0, { expressions: expressions(0) })], 0, 0.5);
    const [b] = tracker.update([face(0, 0, { expressions: expressions(0.8) })], 1000 / 30, 0.5);
    expect(b.expressions!.happy).toBeCloseTo(0.4, 5);
    expect(b.dominantExpression).toBe('neutral');
  });
});

describe("given a track's age and gender readings", () => {
  it('reports the age as the mean over the whole track, at any smoothing', () => {
    for (const smoothing of [0, 0.5, 0.9]) {
      const tracker = new FaceTracker();
      const ages = [30, 40, 50, 20].map((age, i) => tracker.update([face(i, 0, { age })], i * 33, smoothing)[0].age);
      expect(ages).toEqual([30, 35, 40, 35]);
    }
  });

  it('does not jump with one odd reading late in a track', () => {
    const tracker = new FaceTracker();
    for (let i = 0; i < 19; i++) tracker.update([face(0, 0, { age: 40 })], i * 33, 0.5);
    const [b] = tracker.update([face(0, 0, { age: 20 })], 19 * 33, 0.5);
    expect(b.age).toBeCloseTo(39, 5);
  });

  it('flips the gender only when the mean probability crosses one half', () => {
    const tracker = new FaceTracker();
    tracker.update([face(0, 0, { gender: 'male', genderProbability: 0.9 })], 0, 0.5);
    const [b] = tracker.update([face(0, 0, { gender: 'female', genderProbability: 0.6 })], 1000 / 30, 0.5);
    // P(female) = (0.1 + 0.6) / 2 = 0.35
    expect(b.gender).toBe('male');
    expect(b.genderProbability).toBeCloseTo(0.65, 5);
    const [c] = tracker.update([face(0, 0, { gender: 'female', genderProbability: 0.95 })], 2000 / 30, 0.5);
    // (0.1 + 0.6 + 0.95) / 3 = 0.55
    expect(c.gender).toBe('female');
    expect(c.genderProbability).toBeCloseTo(0.55, 5);
  });

  it('starts again for a new face', () => {
    const tracker = new FaceTracker();
    tracker.update([face(0, 0, { age: 60 })], 0, 0);
    const [, b] = tracker.update([face(0, 0, { age: 60 }), face(500, 500, { age: 20 })], 33, 0);
    expect(b.age).toBe(20);
  });

  it('reports raw values with smoothing 0', () => {
    const tracker = new FaceTracker();
    tracker.update([face(0, 0)], 0, 0);
    const [b] = tracker.update([face(20, 0)], 33, 0);
    expect(b.box.x).toBe(20);
  });
});

describe('given two boxes', () => {
  it('computes their intersection over union', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150, 5);
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 0, width: 10, height: 10 })).toBe(0);
  });
});
