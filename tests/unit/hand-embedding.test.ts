import { describe, expect, it } from 'vitest';
import { knnVote, normalize, type Neighbour } from '../../packages/core/src/classifier/knn';
import { HAND_EMBEDDING_SIZE, handEmbedding } from '../../packages/core/src/hands/handEmbedding';
import type { HandKeypoint } from '../../packages/core/src/hands/types';
import { aslFrame, aslRange, reflect, rotate, scaleAndShift } from './handFixtures';

// Real keypoints: MediaPipe Hands' expected output for asl_hand.25fps.mp4 (a right hand, palm to
// the camera). Shapes and their frame ranges, picked by looking at the video's frames (each range
// holds one letter, without the moves between letters):
const SHAPES: Record<string, [number, number]> = {
  K: [15, 45],
  I: [55, 84],
  E: [95, 120],
  D: [131, 165],
  O: [210, 250],
  S: [260, 293],
};

const embed = (hand: HandKeypoint[], handedness: 'left' | 'right' = 'right', mirrored = false) => handEmbedding(hand, handedness, mirrored)!;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

function expectSame(a: Float32Array, b: Float32Array) {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
}

describe('given a real hand', () => {
  const hand = aslFrame(150);

  it('is 63 numbers centred on the landmarks and of unit RMS spread', () => {
    const e = embed(hand);
    expect(e).toHaveLength(HAND_EMBEDDING_SIZE);
    for (let axis = 0; axis < 3; axis++) {
      let mean = 0;
      for (let i = axis; i < e.length; i += 3) mean += e[i] / 21;
      expect(mean).toBeCloseTo(0, 5);
    }
    expect(e.reduce((s, v) => s + v * v, 0) / 21).toBeCloseTo(1, 4);
  });

  it('does not change when the hand moves or looks bigger or smaller', () => {
    expectSame(embed(scaleAndShift(hand, 0.3, 250, -40)), embed(hand));
    expectSame(embed(scaleAndShift(hand, 3.5, -900, 60)), embed(hand));
  });

  it('changes when the hand is turned (orientation is part of the shape)', () => {
    expect(cosine(embed(rotate(hand, 180)), embed(hand))).toBeLessThan(0.5);
  });

  it('gives a left hand (the right hand reflected) the same vector as the right hand', () => {
    expectSame(embed(reflect(hand, 310), 'left'), embed(hand));
  });

  it('gives a left hand and a mirrored right hand the same vector', () => {
    const left = reflect(hand, 310);
    // The right hand's keypoints as a mirrored frame of the same 620 px width shows them.
    const mirroredRight = reflect(hand, 310);
    expectSame(embed(mirroredRight, 'right', true), embed(left, 'left', false));
  });

  it('is null without 21 keypoints or when they all coincide', () => {
    expect(handEmbedding(hand.slice(1), 'right', false)).toBeNull();
    expect(handEmbedding(hand.map((p) => ({ ...p, x: 5, y: 5, z: 0 })), 'right', false)).toBeNull();
  });
});

describe('given the ASL letters, a KNN on the embedding trained on the first half of each letter', () => {
  const names = Object.keys(SHAPES);
  const halves = names.map((name) => {
    const frames = aslRange(...SHAPES[name]);
    const cut = Math.floor(frames.length / 2);
    return { train: frames.slice(0, cut), test: frames.slice(cut) };
  });
  const neighbours: Neighbour[] = halves.flatMap((h, classIndex) => h.train.map((f) => ({ classIndex, embedding: normalize(embed(f)) })));

  function accuracy(transform: (hand: HandKeypoint[]) => HandKeypoint[], handedness: 'left' | 'right'): number {
    let right = 0;
    let total = 0;
    halves.forEach((h, classIndex) => {
      for (const f of h.test) {
        const votes = knnVote(normalize(embed(transform(f), handedness)), neighbours, names.length, 5);
        right += votes.indexOf(Math.max(...votes)) === classIndex ? 1 : 0;
        total++;
      }
    });
    return right / total;
  }

  it('classifies the second half of each letter at 90 % or better', () => {
    expect(accuracy((h) => h, 'right')).toBeGreaterThanOrEqual(0.9);
  });

  it('does as well on the same letters made by a left hand (the frames reflected)', () => {
    expect(accuracy((h) => reflect(h, 310), 'left')).toBeGreaterThanOrEqual(0.9);
  });

  it('tells the letters apart: no class is as close to another as to itself', () => {
    const centroid = (frames: HandKeypoint[][]) => {
      const c = new Float32Array(HAND_EMBEDDING_SIZE);
      for (const f of frames) embed(f).forEach((v, i) => (c[i] += v / frames.length));
      return c;
    };
    const trainC = halves.map((h) => centroid(h.train));
    const testC = halves.map((h) => centroid(h.test));
    testC.forEach((t, i) => {
      const sims = trainC.map((c) => cosine(t, c));
      expect(sims.indexOf(Math.max(...sims))).toBe(i);
    });
  });
});
