import { ClassifierError } from './ClassifierError';

/**
 * How each example is augmented while learning: besides its own embedding, an example keeps the
 * embeddings of a few altered copies of its frame, and the KNN and the dense head learn from all
 * of them. Image features alter the pixels (light, a small shift and zoom, sensor noise); pose and
 * face features jitter the keypoints (a detector's wobble; position and size already do not count).
 */
export interface AugmentOptions {
  /**
   * Altered copies kept per example (0: none). Each costs one more pass of the features model
   * when the example is taken (image features: one batch for all of them).
   * @default 4
   */
  copies?: number;
  /**
   * Also learn mirror images (every other copy is flipped left to right). Only when the classes do
   * not depend on left and right: "hand up" may be either hand, but "point left" is not "point right".
   * @default false
   */
  flip?: boolean;
  /**
   * Largest change of brightness and contrast, as a share (0.3: from 70% to 130%). Image features.
   * @default 0.3
   */
  light?: number;
  /**
   * Largest shift of the picture, as a share of its side. Image features.
   * @default 0.05
   */
  shift?: number;
  /**
   * Largest zoom in, as a share of the side (0.15: a window of 85% of the frame). Image features.
   * 0.15 rather than 0.1: a camera 12% closer (the robustness split's zoom) fell outside 0.1 and was
   * classified at chance; with 0.15 the split rose from 61% to 74% (docs/benchmarks.md).
   * @default 0.15
   */
  zoom?: number;
  /**
   * Standard deviation of the sensor noise added, in 0..255 levels. Image features.
   * @default 6
   */
  noise?: number;
  /**
   * Standard deviation of the keypoint jitter, as a share of the body's (or face's) spread. Pose
   * and face features.
   * @default 0.03
   */
  jitter?: number;
}

export type ResolvedAugmentOptions = Required<AugmentOptions>;

export const AUGMENT_DEFAULTS: ResolvedAugmentOptions = Object.freeze({ copies: 4, flip: false, light: 0.3, shift: 0.05, zoom: 0.15, noise: 6, jitter: 0.03 });

/** `augment: false` (or `copies: 0`): examples are learnt as they are. */
export const NO_AUGMENTATION: ResolvedAugmentOptions = Object.freeze({ ...AUGMENT_DEFAULTS, copies: 0 });

/** The `augment` option resolved: `true`/omitted is the defaults, `false` none; throws `invalid-options`. */
export function resolveAugment(option: AugmentOptions | boolean | undefined): ResolvedAugmentOptions {
  if (option === undefined || option === true) return AUGMENT_DEFAULTS;
  if (option === false) return NO_AUGMENTATION;
  const fail = (name: string, expected: string, value: unknown): never => {
    throw new ClassifierError('invalid-options', `useTrainableClassifier: augment.${name} must be ${expected}; got ${JSON.stringify(value)}`);
  };
  if (typeof option !== 'object' || option === null) return fail('', 'true, false or { copies, flip, light, shift, zoom, noise, jitter }', option);
  const defined = Object.fromEntries(Object.entries(option).filter(([, v]) => v !== undefined));
  const next: ResolvedAugmentOptions = { ...AUGMENT_DEFAULTS, ...defined };
  if (!Number.isInteger(next.copies) || next.copies < 0 || next.copies > 32) fail('copies', 'an integer from 0 to 32', next.copies);
  if (typeof next.flip !== 'boolean') fail('flip', 'true or false', next.flip);
  if (!(next.light >= 0 && next.light < 1)) fail('light', 'a number >= 0 and < 1', next.light);
  if (!(next.shift >= 0 && next.shift <= 0.25)) fail('shift', 'a number from 0 to 0.25', next.shift);
  if (!(next.zoom >= 0 && next.zoom <= 0.5)) fail('zoom', 'a number from 0 to 0.5', next.zoom);
  if (!(next.noise >= 0 && next.noise <= 64)) fail('noise', 'a number from 0 to 64', next.noise);
  if (!(next.jitter >= 0 && next.jitter <= 0.5)) fail('jitter', 'a number from 0 to 0.5', next.jitter);
  return next;
}

/** One altered copy, drawn at random within the options' bounds. */
export interface AugmentView {
  flip: boolean;
  /** Multiplies every level (brightness). */
  gain: number;
  /** Contrast around mid-grey: level' = (level × gain − 128) × contrast + 128. */
  contrast: number;
  /** The window kept, in 0..1 of the frame: [top, left, bottom, right]. */
  box: [number, number, number, number];
  /** Noise σ, levels. */
  noise: number;
  /** Keypoint jitter σ, share of the spread. */
  jitter: number;
  /** Seed of this copy's noise. */
  seed: number;
}

/** A small seeded generator (mulberry32): the same copies for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample from `next` (Box-Muller). */
export function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
}

/** The copies to make of one example (`seed` varies per example, so copies differ between examples). */
export function augmentViews(options: ResolvedAugmentOptions, seed: number): AugmentView[] {
  const next = seededRandom(seed);
  const within = (bound: number) => (next() * 2 - 1) * bound;
  return Array.from({ length: options.copies }, (_, i) => {
    const side = 1 - next() * options.zoom;
    const free = 1 - side;
    const top = Math.min(Math.max(free / 2 + within(options.shift), 0), free);
    const left = Math.min(Math.max(free / 2 + within(options.shift), 0), free);
    return {
      flip: options.flip && i % 2 === 0,
      gain: 1 + within(options.light),
      contrast: 1 + within(options.light),
      box: [top, left, top + side, left + side],
      noise: options.noise * next(),
      jitter: options.jitter,
      seed: Math.floor(next() * 2 ** 31),
    };
  });
}

/**
 * Altered copies of a keypoint embedding (x, y pairs, centred and scaled to unit spread): each
 * point jittered by `view.jitter`, and flipped with `view.flip` (x negated, each point taking its
 * mirror's place by `mirrorIndex`). Points at exactly (0, 0), keypoints that were not seen, stay so.
 */
export function augmentKeypoints(embedding: Float32Array, views: readonly AugmentView[], mirrorIndex: readonly number[]): Float32Array[] {
  return views.map((view) => {
    const next = seededRandom(view.seed);
    const out = new Float32Array(embedding.length);
    for (let i = 0; i < mirrorIndex.length; i++) {
      const from = view.flip ? mirrorIndex[i] : i;
      const x = embedding[from * 2];
      const y = embedding[from * 2 + 1];
      if (x === 0 && y === 0) continue;
      out[i * 2] = (view.flip ? -x : x) + gaussian(next) * view.jitter;
      out[i * 2 + 1] = y + gaussian(next) * view.jitter;
    }
    return out;
  });
}
