import { FaceError, FaceErrorCode } from './FaceError';
import type { FaceDetector, FaceEngineOptions, ResolvedFaceOptions } from './types';

const DETECTORS: readonly FaceDetector[] = ['tiny', 'ssd', 'none'];

/** Every default of {@link FaceEngineOptions}. */
export const DEFAULT_FACE_OPTIONS: Readonly<ResolvedFaceOptions> = Object.freeze({
  detector: 'tiny',
  inputSize: 224,
  scoreThreshold: 0.5,
  maxFaces: 10,
  withLandmarks: 'full',
  withExpressions: true,
  withAgeAndGender: true,
  withDescriptors: false,
  smoothing: 0.5,
  maxFps: Infinity,
  enabled: true,
});

function invalid(message: string): FaceError {
  return new FaceError(FaceErrorCode.InvalidOptions, `face options: ${message}`);
}

function checkBoolean(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw invalid(`${name} must be true or false; got ${JSON.stringify(value)}`);
}

/**
 * Validate `options` and fill in the defaults (what is left out takes its default: options are
 * the whole truth, never merged onto earlier ones). Throws a `FaceError` (`invalid-options`)
 * naming the allowed values.
 */
export function resolveFaceOptions(options: FaceEngineOptions = {}): ResolvedFaceOptions {
  const base = DEFAULT_FACE_OPTIONS;
  const o = options as Record<keyof FaceEngineOptions, unknown>;
  if (o.detector !== undefined && !DETECTORS.includes(o.detector as FaceDetector)) {
    throw invalid(`detector must be one of ${DETECTORS.map((d) => `'${d}'`).join(', ')}; got ${JSON.stringify(o.detector)}`);
  }
  if (o.inputSize !== undefined) {
    const n = o.inputSize;
    if (typeof n !== 'number' || !Number.isInteger(n) || n % 32 !== 0 || n < 128 || n > 608) {
      throw invalid(`inputSize must be a multiple of 32 from 128 to 608 (for example 224, 320, 416); got ${JSON.stringify(n)}`);
    }
  }
  if (o.scoreThreshold !== undefined && !(typeof o.scoreThreshold === 'number' && o.scoreThreshold >= 0 && o.scoreThreshold <= 1)) {
    throw invalid(`scoreThreshold must be a number from 0 to 1; got ${JSON.stringify(o.scoreThreshold)}`);
  }
  if (o.maxFaces !== undefined && !(typeof o.maxFaces === 'number' && Number.isInteger(o.maxFaces) && o.maxFaces >= 1)) {
    throw invalid(`maxFaces must be an integer >= 1; got ${JSON.stringify(o.maxFaces)}`);
  }
  if (o.withLandmarks !== undefined && ![true, false, 'full', 'tiny'].includes(o.withLandmarks as boolean | string)) {
    throw invalid(`withLandmarks must be true, false, 'full' or 'tiny'; got ${JSON.stringify(o.withLandmarks)}`);
  }
  checkBoolean('withExpressions', o.withExpressions);
  checkBoolean('withAgeAndGender', o.withAgeAndGender);
  checkBoolean('withDescriptors', o.withDescriptors);
  checkBoolean('enabled', o.enabled);
  if (o.smoothing !== undefined && !(typeof o.smoothing === 'number' && o.smoothing >= 0 && o.smoothing < 1)) {
    throw invalid(`smoothing must be a number from 0 (none) up to but excluding 1; got ${JSON.stringify(o.smoothing)}`);
  }
  if (o.maxFps !== undefined && !(typeof o.maxFps === 'number' && o.maxFps > 0)) {
    throw invalid(`maxFps must be a number > 0 (Infinity for no limit); got ${JSON.stringify(o.maxFps)}`);
  }

  const withLandmarks =
    options.withLandmarks === undefined
      ? base.withLandmarks
      : options.withLandmarks === true
        ? 'full'
        : options.withLandmarks;
  const resolved: ResolvedFaceOptions = {
    detector: options.detector ?? base.detector,
    inputSize: options.inputSize ?? base.inputSize,
    scoreThreshold: options.scoreThreshold ?? base.scoreThreshold,
    maxFaces: options.maxFaces ?? base.maxFaces,
    withLandmarks,
    withExpressions: options.withExpressions ?? base.withExpressions,
    withAgeAndGender: options.withAgeAndGender ?? base.withAgeAndGender,
    withDescriptors: options.withDescriptors ?? base.withDescriptors,
    smoothing: options.smoothing ?? base.smoothing,
    maxFps: options.maxFps ?? base.maxFps,
    enabled: options.enabled ?? base.enabled,
  };
  if (resolved.withDescriptors && resolved.withLandmarks === false) {
    throw invalid("withDescriptors needs landmarks to align the face: set withLandmarks to true, 'full' or 'tiny'");
  }
  return resolved;
}
