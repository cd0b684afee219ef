// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { maskIoU, maskUncertainty, meanAbsDifference, mirrorMask, personFraction, smoothMask, thresholdMask } from '../../packages/core/src/segmentation/maskOps';
import { SegmentationMask } from '../../packages/core/src/segmentation/SegmentationMask';
import { resolveSegmentationOptions } from '../../packages/core/src/segmentation/segmentationOptions';
import { SegmentationError } from '../../packages/core/src/segmentation/SegmentationError';
import { coverCrop } from '../../packages/core/src/segmentation/compositor/types';
import { parseColor } from '../../packages/core/src/segmentation/parseColor';

describe('given the mask smoothing', () => {
  it('keeps confident pixels as the new frame has them, so a moving person leaves no trail', () => {
    const current = new Float32Array([0, 1]);
    const out = smoothMask(current, new Float32Array([1, 0]), 0.9, new Float32Array(2));
    expect([...out]).toEqual([0, 1]);
  });

  it('pulls unsure (edge) pixels towards the previous frame, more with a larger ratio', () => {
    const previous = new Float32Array([1]);
    const weak = smoothMask(new Float32Array([0.5]), previous, 0.3, new Float32Array(1))[0];
    const strong = smoothMask(new Float32Array([0.5]), previous, 0.9, new Float32Array(1))[0];
    expect(weak).toBeCloseTo(0.5 + 0.5 * 0.3, 5);
    expect(strong).toBeCloseTo(0.5 + 0.5 * 0.9, 5);
  });

  it('rates p = 0.5 fully uncertain and 0 or 1 certain', () => {
    expect(maskUncertainty(0.5)).toBeCloseTo(1, 6);
    expect(maskUncertainty(0)).toBe(0);
    expect(maskUncertainty(1)).toBe(0);
    expect(maskUncertainty(0.9)).toBeLessThan(maskUncertainty(0.7));
  });

  it('is the raw mask with ratio 0', () => {
    const current = new Float32Array([0.2, 0.6]);
    expect([...smoothMask(current, new Float32Array([1, 0]), 0, new Float32Array(2))]).toEqual([...current]);
  });

  it('refuses masks of different sizes', () => {
    expect(() => smoothMask(new Float32Array(2), new Float32Array(3), 0.5)).toThrow(RangeError);
  });
});

describe('given a 3×2 mask', () => {
  const data = new Float32Array([0.1, 0.6, 0.9, 0.4, 0.5, 0]);

  it('thresholds to 0/1 at the cut, inclusive', () => {
    expect([...thresholdMask(data, 0.5, new Float32Array(6))]).toEqual([0, 1, 1, 0, 1, 0]);
  });

  it('mirrors each row', () => {
    expect([...mirrorMask(data, 3, 2)].map((v) => +v.toFixed(2))).toEqual([0.9, 0.6, 0.1, 0, 0.5, 0.4]);
  });

  it('counts the person share', () => {
    expect(personFraction(data)).toBeCloseTo(3 / 6);
  });

  it('reads values by frame coordinates and mirrors back to itself', () => {
    const mask = new SegmentationMask(data, 3, 2, { width: 300, height: 200 });
    expect(mask.atFrame(250, 10)).toBeCloseTo(0.9);
    expect(mask.mirrored().isMirrored).toBe(true);
    expect([...mask.mirrored().mirrored().data]).toEqual([...data]);
    expect([...mask.toAlpha()]).toEqual([26, 153, 229, 102, 128, 0]);
  });

  it('refuses data of the wrong length', () => {
    expect(() => new SegmentationMask(new Float32Array(5), 3, 2, { width: 3, height: 2 })).toThrow(RangeError);
  });
});

describe('given two masks', () => {
  it('computes IoU and the mean absolute difference', () => {
    const a = new Float32Array([1, 1, 0, 0]);
    const b = new Float32Array([1, 0, 1, 0]);
    expect(maskIoU(a, b)).toBeCloseTo(1 / 3);
    expect(maskIoU(new Float32Array(2), new Float32Array(2))).toBe(1);
    expect(meanAbsDifference(a, b)).toBe(0.5);
  });
});

describe('given segmentation options', () => {
  it('fills in the defaults', () => {
    expect(resolveSegmentationOptions()).toEqual({ model: 'selfie', threshold: null, smoothing: 0.7, mirrored: false, maxFps: Infinity, enabled: true });
  });

  it.each([
    [{ model: 'meet' }, /model must be 'selfie'/],
    [{ threshold: 2 }, /threshold must be null/],
    [{ smoothing: 1 }, /smoothing must be a number from 0/],
    [{ maxFps: 0 }, /maxFps must be a number above 0/],
    [{ enabled: 'yes' }, /enabled must be true or false/],
  ])('rejects %j with a SegmentationError naming the allowed values', (options, message) => {
    let error: unknown;
    try {
      resolveSegmentationOptions(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SegmentationError);
    expect((error as SegmentationError).code).toBe('invalid-options');
    expect((error as Error).message).toMatch(message);
  });
});

describe('given the compositor helpers', () => {
  it('crops a wide image to cover a square box', () => {
    expect(coverCrop(200, 100, 50, 50)).toEqual([50, 0, 100, 100]);
  });

  it('parses colours and rejects others', () => {
    expect(parseColor('#0f0')).toEqual([0, 255, 0]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(() => parseColor('green')).toThrow(SegmentationError);
  });
});
