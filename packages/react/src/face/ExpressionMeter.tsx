import type { CSSProperties } from 'react';
import type { FaceInfo } from '@webcam-ml/core/face';
import { themeRoot, useThemeStyle, type UnstyledProp } from '../theme/useThemeStyle';
import { ExpressionIcon } from './ExpressionIcon';
import { percent } from './faceText';

export interface ExpressionMeterProps extends UnstyledProp {
  /** The face whose dominant expression is shown; a blank face and "No face" show while null. */
  face: FaceInfo | null | undefined;
  /**
   * Size of the face icon in CSS pixels.
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
 * The dominant expression of a face as a large icon (inline SVG, so it renders without an emoji
 * font) and its name. The name sits in a polite live region, so a screen reader hears it when it
 * changes, not on every frame. No animation, so nothing moves for people who prefer reduced
 * motion. State for CSS: `data-expression` (`none` without a face) and `data-confident`.
 */
export function ExpressionMeter({ face, size = 64, minConfidence = 0.5, unstyled, className, style }: ExpressionMeterProps) {
  useThemeStyle(unstyled);
  const expression = face?.dominantExpression ?? null;
  const p = expression && face?.expressions ? face.expressions[expression] : 0;
  const sure = p >= minConfidence;
  const text = expression ? (sure ? expression : `maybe ${expression}`) : face ? 'No expression' : 'No face';
  return (
    <figure
      {...themeRoot('expression-meter', unstyled)}
      className={className}
      style={style}
      data-expression={expression ?? 'none'}
      data-confident={expression && sure ? '' : undefined}
    >
      <ExpressionIcon expression={expression} size={size} />
      <figcaption>
        <span role="status" aria-live="polite">
          {text}
        </span>
        {expression && <span data-num=""> {percent(p)}</span>}
      </figcaption>
    </figure>
  );
}
