import { describe, expect, it } from 'vitest';
import { FaceError, FaceMatcher } from '@webcam-ml/core/face';

const descriptor = (value: number, at = 0) => {
  const d = new Float32Array(128);
  d[at] = value;
  return d;
};

describe('given a matcher with two registered people', () => {
  const matcher = () => {
    const m = new FaceMatcher({ distanceThreshold: 0.6 });
    m.add('ada', descriptor(0));
    m.add('ada', descriptor(0.2));
    m.add('grace', descriptor(1, 5));
    return m;
  };

  it('matches a close descriptor to the nearest label by mean distance', () => {
    const match = matcher().match(descriptor(0.1));
    expect(match.label).toBe('ada');
    expect(match.distance).toBeCloseTo(0.1, 5);
  });

  it('answers null beyond the distance threshold', () => {
    expect(matcher().match(descriptor(5, 9)).label).toBeNull();
  });

  it('matches live faces by id, skipping faces without descriptors', () => {
    const m = matcher();
    const faces = [
      { id: 7, descriptor: descriptor(1, 5) },
      { id: 8, descriptor: null },
    ] as unknown as Parameters<FaceMatcher['matchFaces']>[0];
    const matches = m.matchFaces(faces);
    expect(matches.get(7)?.label).toBe('grace');
    expect(matches.has(8)).toBe(false);
  });

  it('round-trips through JSON', () => {
    const m = matcher();
    const copy = new FaceMatcher();
    copy.load(JSON.stringify(m));
    expect(copy.getSnapshot().faces.map((f) => [f.label, f.descriptors.length])).toEqual([
      ['ada', 2],
      ['grace', 1],
    ]);
    expect(copy.match(descriptor(0.1)).label).toBe('ada');
  });

  it('forgets a removed label', () => {
    const m = matcher();
    m.remove('grace');
    expect(m.match(descriptor(1, 5)).label).toBeNull();
  });
});

describe('given a bad face set file', () => {
  const good = () => {
    const m = new FaceMatcher();
    m.add('ada', descriptor(0));
    return m.toJSON();
  };
  const bad: [string, unknown][] = [
    ['text that is not JSON', '{nope'],
    ['another format', { ...good(), format: 'other' }],
    ['a newer version', { ...good(), version: 2 }],
    ['a short descriptor', { ...good(), faces: [{ label: 'x', descriptors: [[1, 2, 3]] }] }],
    ['a descriptor with a string', { ...good(), faces: [{ label: 'x', descriptors: [Array.from({ length: 128 }, (_, i) => (i ? 0 : 'a'))] }] }],
    ['an empty label', { ...good(), faces: [{ label: '', descriptors: [Array.from(descriptor(0))] }] }],
    ['a label twice', { ...good(), faces: [good().faces[0], good().faces[0]] }],
    ['a bad threshold', { ...good(), distanceThreshold: -1 }],
  ];
  for (const [what, file] of bad) {
    it(`throws a typed error for ${what} and changes nothing`, () => {
      const m = new FaceMatcher();
      m.add('grace', descriptor(1, 5));
      const before = m.getSnapshot();
      let error: unknown;
      try {
        m.load(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FaceError);
      expect((error as FaceError).code).toBe('invalid-face-set');
      expect(m.getSnapshot()).toBe(before);
    });
  }
});

describe('given a descriptor of the wrong length', () => {
  it('refuses to register it', () => {
    expect(() => new FaceMatcher().add('ada', [1, 2, 3])).toThrow(/128 finite numbers/);
  });
});
