import { UNKNOWN_LABEL, type ClassifierPrediction, type UnknownReason } from './types';

/**
 * Turn per-class scores into a prediction: classes not `eligible` (too few examples) score 0;
 * the best class wins unless it scores below `threshold` (then `'unknown'`).
 */
export function decide(names: readonly string[], scores: Float32Array, eligible: readonly boolean[], threshold: number, timestamp: number): ClassifierPrediction {
  let best = -1;
  for (let i = 0; i < scores.length; i++) {
    if (!eligible[i]) scores[i] = 0;
    else if (best < 0 || scores[i] > scores[best]) best = i;
  }
  if (best < 0) return unknownPrediction(names, scores, 'too-few-examples', timestamp);
  if (scores[best] < threshold) return unknownPrediction(names, scores, 'below-threshold', timestamp);
  return { label: names[best], confidence: scores[best], confidences: confidences(names, scores), reason: null, timestamp };
}

/** An `'unknown'` prediction that still carries every class's score. */
export function unknownPrediction(names: readonly string[], scores: Float32Array, reason: UnknownReason, timestamp: number): ClassifierPrediction {
  let best = 0;
  for (let i = 0; i < scores.length; i++) best = Math.max(best, scores[i]);
  return { label: UNKNOWN_LABEL, confidence: best, confidences: confidences(names, scores), reason, timestamp };
}

function confidences(names: readonly string[], scores: Float32Array) {
  return names.map((label, i) => ({ label, confidence: scores[i] }));
}
