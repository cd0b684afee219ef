import { describe, expect, it } from 'vitest';
import { FaceError } from '../../packages/core/src/face/FaceError';
import { DEFAULT_FACE_OPTIONS, resolveFaceOptions } from '../../packages/core/src/face/resolveFaceOptions';

describe('given no options', () => {
  it('uses the documented defaults', () => {
    expect(resolveFaceOptions({})).toEqual(DEFAULT_FACE_OPTIONS);
    expect(DEFAULT_FACE_OPTIONS).toMatchObject({ detector: 'tiny', inputSize: 224, withLandmarks: 'full', withDescriptors: false });
  });
});

describe('given invalid options', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown detector', { detector: 'yolo' }, /detector must be one of 'tiny', 'ssd', 'none'/],
    ['an input size that is not a multiple of 32', { inputSize: 300 }, /multiple of 32/],
    ['a score threshold above 1', { scoreThreshold: 1.5 }, /scoreThreshold/],
    ['zero faces', { maxFaces: 0 }, /maxFaces/],
    ['an unknown landmark model', { withLandmarks: 'huge' }, /withLandmarks must be true, false, 'full' or 'tiny'/],
    ['smoothing of 1', { smoothing: 1 }, /smoothing/],
    ['a negative maxFps', { maxFps: -1 }, /maxFps/],
    ['descriptors without landmarks', { withDescriptors: true, withLandmarks: false }, /withDescriptors needs landmarks/],
  ];
  for (const [what, options, message] of cases) {
    it(`throws a FaceError naming the allowed values for ${what}`, () => {
      expect(() => resolveFaceOptions(options)).toThrow(FaceError);
      expect(() => resolveFaceOptions(options)).toThrow(message);
    });
  }
});

describe('given new options (a full replace, never merged onto the old ones)', () => {
  it('maps withLandmarks true to the full net and takes the defaults for what is left out', () => {
    const next = resolveFaceOptions({ withLandmarks: true });
    expect(next.detector).toBe('tiny');
    expect(next.withLandmarks).toBe('full');
  });
});
