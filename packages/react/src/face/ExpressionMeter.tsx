import type { CSSProperties } from 'react';
import type { FaceInfo } from '@webcam-ml/core/face';
import { EXPRESSION_EMOJI, percent } from './faceText';

export interface ExpressionMeterProps {
  /** The face whose dominant expression is shown; a neutral placeholder shows while null. */
  face: FaceInfo | null | undefined;
  /**
   * Size of the emoji in CSS pixels.
   * @default 64
   */
  size?: number;
  /**
   * Below this probability the dominant expression is shown as uncertain ("maybe happy").
   * @default 0.5
   */
  minConfidence?: number;
  className?: string;
  style?: CSSProperties;
}

/**
 * The dominant expression of a face as a big emoji and its name. The name sits in a polite live
 * region, so a screen reader hears it when it changes, not on every frame. No animation, so
 * nothing moves for people who prefer reduced motion.
 */
export function ExpressionMeter({ face, size = 64, minConfidence = 0.5, className, style }: ExpressionMeterProps) {
  const expression = face?.dominantExpression ?? null;
  const p = expression && face?.expressions ? face.expressions[expression] : 0;
  const sure = p >= minConfidence;
  const text = expression ? (sure ? expression : `maybe ${expression}`) : 'no face';
  return (
    <figure
      className={className}
      style={{ display: 'inline-grid', justifyItems: 'center', gap: 4, margin: 0, font: '14px/1.3 system-ui, sans-serif', ...style }}
      data-webcam-ml="expression-meter"
      data-expression={expression ?? 'none'}
    >
      <span aria-hidden="true" style={{ fontSize: size, lineHeight: 1, opacity: expression && sure ? 1 : 0.45 }}>
        {expression ? EXPRESSION_EMOJI[expression] : '·'}
      </span>
      <figcaption>
        <span role="status" aria-live="polite">
          {text}
        </span>
        {expression && <span style={{ opacity: 0.7 }}> {percent(p)}</span>}
      </figcaption>
    </figure>
  );
}
