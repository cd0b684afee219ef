import { HandsError } from './HandsError';
import { HAND_MODELS, type HandModelName } from './handsModels';

/** The most hands `maxHands` accepts. */
export const MAX_HANDS = 4;

/** The options of `HandsEngine` (and `useHands`). Every one can change at any time. */
export interface HandsOptions {
  /**
   * The most hands tracked at once, 1 to 4. While fewer are tracked the detector runs on every
   * frame to look for more, so 1 is the cheapest when one hand is all the page needs.
   * @default 2
   */
  maxHands?: number;
  /**
   * Which landmark model runs: `'lite'` (MediaPipe Hands lite, about 2 MB) or `'full'` (MediaPipe
   * Hands full, about 5.4 MB, closer to the reference keypoints; see docs/benchmarks.md).
   * @default 'full'
   */
  model?: HandModelName;
  /**
   * Hands whose presence score (the landmark model's, 0..1) is below this are dropped; a tracked
   * hand that falls below it is lost and searched for again by the detector.
   * @default 0.5 (MediaPipe Hands' min detection and tracking confidence)
   */
  minScore?: number;
  /**
   * Temporal smoothing of the keypoints on a video: a one-euro filter with MediaPipe Hands'
   * settings (steady when the hand is still, no lag when it moves fast). `false` gives the raw
   * model output. A still image is never smoothed.
   * @default true
   */
  smoothing?: boolean;
  /**
   * Upper bound on estimations per second; frames in between are skipped.
   * @default Infinity (every frame the source presents, while the previous one is done)
   */
  maxFps?: number;
  /**
   * Whether frames are processed. `false` stops inference, clears the hands and reports
   * `status: 'idle'`; the models are released (the cache keeps them for `releaseDelayMs`).
   * @default true
   */
  enabled?: boolean;
  /**
   * Recognise the built-in gestures (`hand.gestures`); `false` leaves every `gestures` empty.
   * @default true
   */
  gestures?: boolean;
}

/** `HandsOptions` with every default filled in. */
export type ResolvedHandsOptions = Required<HandsOptions>;

function fail(option: string, allowed: string, got: unknown): never {
  throw new HandsError('invalid-options', `hands: ${option} must be ${allowed}; got ${JSON.stringify(got) ?? String(got)}`);
}

/**
 * Checks `options` and fills in the defaults (a full replace: what is left out takes its default);
 * throws a `HandsError` with code `'invalid-options'` naming the allowed values.
 */
export function resolveHandsOptions(options: HandsOptions = {}): ResolvedHandsOptions {
  const maxHands = options.maxHands ?? 2;
  if (!Number.isInteger(maxHands) || maxHands < 1 || maxHands > MAX_HANDS) fail('maxHands', `an integer from 1 to ${MAX_HANDS}`, maxHands);
  const model = options.model ?? 'full';
  if (!HAND_MODELS.includes(model)) fail('model', HAND_MODELS.map((m) => `'${m}'`).join(' or '), model);
  const minScore = options.minScore ?? 0.5;
  if (typeof minScore !== 'number' || !(minScore >= 0 && minScore <= 1)) fail('minScore', 'a number from 0 to 1', minScore);
  const smoothing = options.smoothing ?? true;
  if (typeof smoothing !== 'boolean') fail('smoothing', 'true or false', smoothing);
  const maxFps = options.maxFps ?? Infinity;
  if (typeof maxFps !== 'number' || !(maxFps > 0)) fail('maxFps', 'a number above 0 (Infinity for every frame)', maxFps);
  const enabled = options.enabled ?? true;
  if (typeof enabled !== 'boolean') fail('enabled', 'true or false', enabled);
  const gestures = options.gestures ?? true;
  if (typeof gestures !== 'boolean') fail('gestures', 'true or false', gestures);
  return { maxHands, model, minScore, smoothing, maxFps, enabled, gestures };
}
