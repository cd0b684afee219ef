import { describe, expect, it } from 'vitest';
import { MIN_GESTURE_SCORE, measureHand, pinchStrength, recognizeGestures } from '../../packages/core/src/hands/gestures';
import type { HandGestureName, HandKeypoint, Handedness } from '../../packages/core/src/hands/types';
import { ASL_FRAMES, OPEN_PALMS, aslFrame, aslRange, keypoints, reflect, rotate, scaleAndShift } from './handFixtures';

// Real keypoints: MediaPipe Hands' expected output for hands.jpg (two open palms) and for every
// frame of asl_hand.25fps.mp4 (a right hand, palm to the camera, spelling letters). The frame
// ranges below were picked by looking at the video's frames:
//   0-7 "A" (fist, thumb along the index)   9-10 thumb raised out of the fist
//   15-45 "K"                                55-84 "I" (little finger up)     85 fingertips pinched
//   89 "U" (index and middle up, together)   95-120 and 175-200 "E"            131-165 "D" (index up)
//   210-250 "O"                              260-293 and 300-324 "S" (fist)
// The video never shows pointing left/right/down, thumbs down, victory or OK; those hands are
// built from its real frames by rotating or bending them, as each test says.

const names = (hand: HandKeypoint[], handedness: Handedness = 'right') => recognizeGestures({ keypoints: hand, handedness }).map((g) => g.name);
const top = (hand: HandKeypoint[], handedness: Handedness = 'right') => names(hand, handedness)[0];

/** Share of `hands` whose best gesture is `name`. */
function shareTop(hands: HandKeypoint[][], name: HandGestureName): number {
  return hands.filter((h) => top(h) === name).length / hands.length;
}

/** Bend a finger straight from its knuckle along the wrist→knuckle direction, keeping its real bone lengths. */
function straighten(hand: HandKeypoint[], mcp: number): HandKeypoint[] {
  const out = hand.map((p) => ({ ...p }));
  const w = hand[0];
  const m = hand[mcp];
  const len = Math.hypot(m.x - w.x, m.y - w.y, m.z - w.z);
  const u = [(m.x - w.x) / len, (m.y - w.y) / len, (m.z - w.z) / len];
  for (let j = mcp + 1; j <= mcp + 3; j++) {
    const a = hand[j - 1];
    const b = hand[j];
    const bone = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
    const prev = out[j - 1];
    out[j] = { ...b, x: prev.x + u[0] * bone, y: prev.y + u[1] * bone, z: prev.z + u[2] * bone };
  }
  return out;
}

/** Turn one finger (its knuckle to its tip) about its knuckle in the image plane. */
function turnFinger(hand: HandKeypoint[], mcp: number, degrees: number): HandKeypoint[] {
  const finger = rotate(hand.slice(mcp, mcp + 4), degrees, hand[mcp]);
  return hand.map((p, i) => (i >= mcp && i < mcp + 4 ? finger[i - mcp] : p));
}

describe('given the real open palms of hands.jpg', () => {
  it('reads both as open_palm, the one pointing down too', () => {
    for (const hand of OPEN_PALMS) expect(top(keypoints(hand))).toBe('open_palm');
  });

  it('gives no pinch strength to an open hand', () => {
    for (const hand of OPEN_PALMS) expect(pinchStrength(measureHand(keypoints(hand))!)).toBe(0);
  });
});

describe('given the real fists of the ASL video', () => {
  it('reads the "S" fist frames as closed_fist', () => {
    expect(shareTop([...aslRange(260, 293), ...aslRange(300, 324)], 'closed_fist')).toBe(1);
  });

  it('reads the "E" frames (fingers folded onto the thumb) as closed_fist', () => {
    expect(shareTop([...aslRange(95, 120), ...aslRange(175, 200)], 'closed_fist')).toBe(1);
  });
});

describe('given the real "D" frames (index up, the others folded)', () => {
  const d = aslRange(131, 165);

  it('reads pointing_up', () => {
    expect(shareTop(d, 'pointing_up')).toBe(1);
  });

  // The person's right is the image's left (-x) in the unmirrored frame the keypoints are in.
  it('reads pointing_right (the person\'s right) when the hand is turned a quarter anticlockwise in the image', () => {
    expect(shareTop(d.map((h) => rotate(h, -90)), 'pointing_right')).toBe(1);
  });

  it('reads pointing_left when turned a quarter clockwise in the image', () => {
    expect(shareTop(d.map((h) => rotate(h, 90)), 'pointing_left')).toBe(1);
  });

  it('reads pointing_down when turned upside down', () => {
    expect(shareTop(d.map((h) => rotate(h, 180)), 'pointing_down')).toBe(1);
  });

  it('reads pointing_right for a left hand too (the right hand reflected, then turned to point at the image\'s left)', () => {
    const left = d.map((h) => rotate(reflect(h), -90));
    expect(left.every((h) => top(h, 'left') === 'pointing_right')).toBe(true);
  });
});

describe('given the real frames where the thumb is raised out of the fist (9-10)', () => {
  const raised = aslRange(9, 10);

  it('reads thumbs_up', () => {
    expect(shareTop(raised, 'thumbs_up')).toBe(1);
  });

  it('reads thumbs_down when turned upside down', () => {
    expect(shareTop(raised.map((h) => rotate(h, 180)), 'thumbs_down')).toBe(1);
  });

  it('does not read the "A" fist, whose thumb lies folded along the index, as thumbs_up', () => {
    expect(aslRange(0, 7).some((h) => names(h).includes('thumbs_up'))).toBe(false);
  });
});

describe('given the real pinch of frame 85 (thumb and index tips together)', () => {
  const pinch = aslFrame(85);

  it('reads pinch first, with a strength near 1', () => {
    const [best] = recognizeGestures({ keypoints: pinch, handedness: 'right' });
    expect(best.name).toBe('pinch');
    expect(best.strength).toBeGreaterThan(0.9);
  });

  it('reads ok when its middle, ring and little fingers are straightened (their real bone lengths, along the knuckles)', () => {
    const ok = straighten(straighten(straighten(pinch, 9), 13), 17);
    const found = names(ok);
    expect(found[0]).toBe('ok');
    // Still a pinch, but second: the three raised fingers make it an OK sign.
    expect(found).toContain('pinch');
  });

  it('gives a weaker pinch as the fingers part (frames 85 → 87)', () => {
    const strengths = [85, 86, 87].map((i) => pinchStrength(measureHand(aslFrame(i))!));
    expect(strengths[0]).toBeGreaterThan(strengths[1]);
    expect(strengths[1]).toBeGreaterThan(strengths[2]);
  });
});

describe('given the real "U" of frame 89 (index and middle up, held together)', () => {
  const u = aslFrame(89);

  it('is not victory while the two fingers touch', () => {
    expect(names(u)).not.toContain('victory');
  });

  it('reads victory once the two fingers are spread 12° each about their knuckles', () => {
    // The index lies on the +x side of the middle finger in this frame: turn it further to +x.
    const side = Math.sign(u[5].x - u[9].x);
    const v = turnFinger(turnFinger(u, 5, 12 * side), 9, -12 * side);
    expect(top(v)).toBe('victory');
  });
});

describe('given shapes that are none of the built-ins', () => {
  it('reports nothing for the "K" and "I" frames', () => {
    const others = [...aslRange(15, 45), ...aslRange(55, 84)];
    expect(others.filter((h) => names(h).length > 0)).toHaveLength(0);
  });
});

describe('given any real frame', () => {
  const all = ASL_FRAMES.map((_, i) => aslFrame(i));

  it('scores every gesture in MIN_GESTURE_SCORE..1, best first', () => {
    for (const hand of all) {
      const found = recognizeGestures({ keypoints: hand, handedness: 'right' });
      for (const g of found) {
        expect(g.score).toBeGreaterThanOrEqual(MIN_GESTURE_SCORE);
        expect(g.score).toBeLessThanOrEqual(1);
      }
      expect(found.map((g) => g.score)).toEqual([...found.map((g) => g.score)].sort((a, b) => b - a));
    }
  });

  it('gives the same gestures and scores at a quarter or four times the size, anywhere in the frame', () => {
    for (const hand of all.filter((_, i) => i % 4 === 0)) {
      const base = recognizeGestures({ keypoints: hand, handedness: 'right' });
      for (const [scale, dx, dy] of [[0.25, 40, -90], [4, -700, 1200]] as const) {
        const moved = recognizeGestures({ keypoints: scaleAndShift(hand, scale, dx, dy), handedness: 'right' });
        expect(moved.map((g) => g.name)).toEqual(base.map((g) => g.name));
        moved.forEach((g, i) => expect(g.score).toBeCloseTo(base[i].score, 9));
      }
    }
  });

  it('gives the same shape gestures for the reflected (left) hand', () => {
    for (const i of [0, 85, 100, 150, 220, 280]) {
      expect(names(reflect(aslFrame(i)), 'left')).toEqual(names(aslFrame(i)));
    }
  });

  it('reports nothing for fewer than 21 keypoints', () => {
    expect(recognizeGestures({ keypoints: aslFrame(150).slice(0, 20), handedness: 'right' })).toEqual([]);
  });
});
