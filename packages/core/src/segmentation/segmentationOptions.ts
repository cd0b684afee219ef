import { SegmentationError } from './SegmentationError';

/** Every segmentation model name `SegmentationEngine` accepts. */
export const SEGMENTATION_MODELS = ['selfie'] as const;

/**
 * A person-segmentation model:
 * - `selfie`: MediaPipe Selfie Segmentation (general), 256×256 input, about 213 KB of weights.
 */
export type SegmentationModelName = (typeof SEGMENTATION_MODELS)[number];

/** The options of `SegmentationEngine` (and `useSegmentation`). Every one can change at any time. */
export interface SegmentationOptions {
  /**
   * Which model runs.
   * @default 'selfie'
   */
  model?: SegmentationModelName;
  /**
   * `null` keeps the mask soft (each value the probability, 0..1, that the pixel is a person: the
   * best input for compositing). A number from 0 to 1 makes it hard: 1 where the (smoothed)
   * probability is at least `threshold`, else 0.
   * @default null
   */
  threshold?: number | null;
  /**
   * Temporal smoothing so edges do not flicker: how much of the previous frame's mask is kept
   * where the model is unsure (0 = raw model output each frame, up to but excluding 1). Confident
   * pixels follow the new frame at once, so a moving person does not leave a trail (MediaPipe's
   * uncertainty-weighted mask smoothing). `reset()` (and a new source) forgets the previous mask.
   * @default 0.7 (MediaPipe's selfie segmentation graph)
   */
  smoothing?: number;
  /**
   * Flip the mask left to right, to lay it over a mirrored (selfie) video as it is shown. The
   * compositor reads `mask.isMirrored`, so either orientation composites correctly.
   * @default false
   */
  mirrored?: boolean;
  /**
   * Upper bound on segmentations per second; frames in between are skipped.
   * @default Infinity (every frame the source presents, while the previous one is done)
   */
  maxFps?: number;
  /**
   * Whether frames are processed. `false` stops inference and reports `status: 'idle'`; a model
   * already loaded stays loaded, one not loaded yet is not downloaded until enabled.
   * @default true
   */
  enabled?: boolean;
}

/** `SegmentationOptions` with every default filled in. */
export type ResolvedSegmentationOptions = Required<SegmentationOptions>;

function fail(option: string, allowed: string, got: unknown): never {
  throw new SegmentationError(
    'invalid-options',
    `segmentation: ${option} must be ${allowed}; got ${JSON.stringify(got) ?? String(got)}`,
  );
}

/**
 * Checks `options` and fills in the defaults (a full replace: what is left out takes its default);
 * throws a `SegmentationError` with code `'invalid-options'` naming the allowed values.
 */
export function resolveSegmentationOptions(options: SegmentationOptions = {}): ResolvedSegmentationOptions {
  const model = options.model ?? 'selfie';
  if (!SEGMENTATION_MODELS.includes(model)) fail('model', SEGMENTATION_MODELS.map((m) => `'${m}'`).join(', '), model);
  const threshold = options.threshold ?? null;
  if (threshold !== null && !(typeof threshold === 'number' && threshold >= 0 && threshold <= 1)) {
    fail('threshold', 'null (a soft mask) or a number from 0 to 1', threshold);
  }
  const smoothing = options.smoothing ?? 0.7;
  if (!(typeof smoothing === 'number' && smoothing >= 0 && smoothing < 1)) {
    fail('smoothing', 'a number from 0 (no smoothing) up to but excluding 1', smoothing);
  }
  const mirrored = options.mirrored ?? false;
  if (typeof mirrored !== 'boolean') fail('mirrored', 'true or false', mirrored);
  const maxFps = options.maxFps ?? Infinity;
  if (!(typeof maxFps === 'number' && maxFps > 0)) fail('maxFps', 'a number above 0 (Infinity for every frame)', maxFps);
  const enabled = options.enabled ?? true;
  if (typeof enabled !== 'boolean') fail('enabled', 'true or false', enabled);
  return { model, threshold, smoothing, mirrored, maxFps, enabled };
}
