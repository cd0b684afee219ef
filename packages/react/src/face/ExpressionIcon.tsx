import type { FaceExpression } from '@webcam-ml/core/face';

/** The features of each face, drawn in a 24×24 box with `currentColor` (no emoji font needed). */
const FEATURES: Readonly<Record<FaceExpression | 'none', string>> = {
  none: 'M8.5 14.5h7',
  neutral: 'M8 15.5h8M8.5 9.5v1.5M15.5 9.5v1.5',
  happy: 'M7.5 13.5q4.5 5 9 0M7.5 10q1-1.5 2 0M14.5 10q1-1.5 2 0',
  sad: 'M8 17q4-4 8 0M8.5 9.5v1.5M15.5 9.5v1.5M7 8l2.5-1M17 8l-2.5-1',
  angry: 'M8.5 16.5q3.5-2.5 7 0M7 7.5l3.5 2M17 7.5l-3.5 2M9 11.5v.5M15 11.5v.5',
  fearful: 'M9.5 15.5h5v2h-5zM8.5 9v2.5M15.5 9v2.5M7 7q1.5-1.5 3 0M14 7q1.5-1.5 3 0',
  disgusted: 'M8 16q1.3-1.5 2.7 0t2.6 0 2.7 0M7.5 10.5l3-1M16.5 10.5l-3-1',
  surprised: 'M12 14a2 2.5 0 1 0 0 5a2 2.5 0 1 0 0-5M8.5 8.5v2.5M15.5 8.5v2.5M7 6.5q1.5-1.5 3 0M14 6.5q1.5-1.5 3 0',
};

export interface ExpressionIconProps {
  /** The expression to draw; `null` draws a blank face (no face, or nothing estimated). */
  expression: FaceExpression | null;
  /**
   * Width and height in CSS pixels.
   * @default 24
   */
  size?: number;
  className?: string;
}

/**
 * A face drawing for an expression, as inline SVG in the current text colour: it renders the same
 * everywhere, where an emoji depends on the fonts installed. Decorative (`aria-hidden`): say the
 * expression in text next to it.
 */
export function ExpressionIcon({ expression, size = 24, className }: ExpressionIconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      className={className}
      data-expression-icon={expression ?? 'none'}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ flex: 'none', verticalAlign: 'middle' }}
    >
      <circle cx="12" cy="12" r="10" />
      <path d={FEATURES[expression ?? 'none']} />
    </svg>
  );
}
