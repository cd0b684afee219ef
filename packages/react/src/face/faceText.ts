import type { FaceExpression, FaceInfo } from '@webcam-ml/core/face';

/**
 * An emoji per expression, for your own text. The components draw `<ExpressionIcon>` instead: an
 * emoji needs a font that has it (🤢 is a missing glyph on many systems).
 */
export const EXPRESSION_EMOJI: Readonly<Record<FaceExpression, string>> = {
  neutral: '😐',
  happy: '😄',
  sad: '😢',
  angry: '😠',
  fearful: '😨',
  disgusted: '🤢',
  surprised: '😮',
};

/** "about 34" — an estimate, not a measurement. */
export function ageText(age: number): string {
  return `about ${Math.round(age)}`;
}

/** "92%". */
export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/**
 * The default overlay label of a face: "happy · about 34 · male", leaving out what was not
 * estimated (the overlay draws the expression's icon before it).
 */
export function faceLabel(face: FaceInfo): string {
  const parts: string[] = [];
  if (face.dominantExpression) parts.push(face.dominantExpression);
  if (face.age !== null) parts.push(ageText(face.age));
  if (face.gender) parts.push(face.gender);
  return parts.length ? parts.join(' · ') : `face ${percent(face.score)}`;
}
