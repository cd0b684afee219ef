/**
 * Pure operations on masks: row-major `Float32Array`s of person probabilities (0..1), one value per
 * pixel at the model's resolution. No TF.js, no DOM: unit-tested in Node.
 */

/**
 * How unsure the model is about a probability `p`, 0 (certain: p is 0 or 1) to 1 (p = 0.5): one
 * minus the squared complement of the binary entropy, as MediaPipe's SegmentationSmoothingCalculator
 * computes it (it approximates the same curve with a polynomial).
 */
export function maskUncertainty(p: number): number {
  if (!(p > 0 && p < 1)) return 0;
  const entropy = -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
  const certainty = 1 - entropy;
  return Math.min(1, Math.max(0, 1 - certainty * certainty));
}

/**
 * Blends `current` with `previous` where the model is unsure, in place in `out` (which may be
 * `current`): `out = current + (previous - current) * uncertainty(current) * ratio`. Confident
 * pixels take the new value, so a moving person leaves no trail; edge pixels, where the model
 * flickers between frames, are steadied.
 */
export function smoothMask(current: Float32Array, previous: Float32Array, ratio: number, out: Float32Array = current): Float32Array {
  if (current.length !== previous.length || out.length !== current.length) {
    throw new RangeError(`smoothMask: masks of ${current.length}, ${previous.length} and ${out.length} values`);
  }
  for (let i = 0; i < current.length; i++) {
    const c = current[i];
    out[i] = c + (previous[i] - c) * maskUncertainty(c) * ratio;
  }
  return out;
}

/** 1 where `mask` is at least `threshold`, else 0, in place in `out` (which may be `mask`). */
export function thresholdMask(mask: Float32Array, threshold: number, out: Float32Array = mask): Float32Array {
  for (let i = 0; i < mask.length; i++) out[i] = mask[i] >= threshold ? 1 : 0;
  return out;
}

/** The mask flipped left to right (a new array), as a mirrored video shows it. */
export function mirrorMask(mask: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = mask[row + width - 1 - x];
  }
  return out;
}

/** Share of the mask that is person (values at least `threshold`). */
export function personFraction(mask: ArrayLike<number>, threshold = 0.5): number {
  if (mask.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] >= threshold) n++;
  return n / mask.length;
}

/**
 * Intersection over union of two same-sized masks, each thresholded at its own cut (`a` at
 * `thresholdA`, `b` at `thresholdB`). 1 when both are empty.
 */
export function maskIoU(a: ArrayLike<number>, b: ArrayLike<number>, thresholdA = 0.5, thresholdB = 0.5): number {
  if (a.length !== b.length) throw new RangeError(`maskIoU: masks of ${a.length} and ${b.length} values`);
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    const pa = a[i] >= thresholdA;
    const pb = b[i] >= thresholdB;
    if (pa && pb) inter++;
    if (pa || pb) union++;
  }
  return union === 0 ? 1 : inter / union;
}

/** Mean absolute difference of two same-sized masks. */
export function meanAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`meanAbsDifference: masks of ${a.length} and ${b.length} values`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return a.length ? sum / a.length : 0;
}
