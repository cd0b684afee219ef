import type { CSSProperties } from 'react';
import type { ClassConfidence } from '@webcam-ml/core/classifier';
import { themeRoot, useThemeStyle, type UnstyledProp } from '../theme/useThemeStyle';

/** Anything with a label and a confidence per class: a `ClassifierPrediction` or your own. */
export interface PredictionLike {
  label: string;
  confidences: readonly ClassConfidence[];
}

export interface PredictionBarsProps extends UnstyledProp {
  /** The result to show; `null` shows the placeholder. */
  prediction: PredictionLike | null | undefined;
  /**
   * Class names to show a bar for even before the first prediction (in this order).
   * @default the prediction's classes
   */
  labels?: readonly string[];
  /**
   * Announce the winning label in a polite live region when it changes.
   * @default true
   */
  announce?: boolean;
  /**
   * Shown while there is no prediction.
   * @default 'No prediction yet'
   */
  placeholder?: string;
  /**
   * Colour of the winning bar (other bars are a neutral grey).
   * @default the theme's accent, `var(--webcam-ml-accent)`
   */
  color?: string;
  className?: string;
  style?: CSSProperties;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * One horizontal bar per class with its confidence, the winner highlighted; each bar is a
 * labelled `meter`. The winning label is announced politely when it changes (not every frame's
 * numbers). Bars do not animate, so nothing moves for people who prefer reduced motion.
 * State for CSS: `data-label` on each row and `data-winner` on the winner's; `data-prediction`
 * (the winning label, or `none`) on the root.
 */
export function PredictionBars({
  prediction,
  labels,
  announce = true,
  placeholder = 'No prediction yet',
  color,
  unstyled,
  className,
  style,
}: PredictionBarsProps) {
  useThemeStyle(unstyled);
  const rows = (labels ?? prediction?.confidences.map((c) => c.label) ?? []).map((label) => ({
    label,
    confidence: prediction?.confidences.find((c) => c.label === label)?.confidence ?? 0,
  }));
  const winner = prediction?.label ?? null;
  return (
    <div
      {...themeRoot('prediction-bars', unstyled)}
      className={className}
      style={color ? ({ '--webcam-ml-accent': color, ...style } as CSSProperties) : style}
      data-prediction={winner ?? 'none'}
    >
      {announce && (
        <div role="status" aria-live="polite">
          {winner === null ? placeholder : `Prediction: ${winner}`}
        </div>
      )}
      {rows.map(({ label, confidence }) => (
        <div key={label} data-label={label} data-winner={label === winner ? '' : undefined}>
          <span>{label}</span>
          <div
            role="meter"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(confidence * 100)}
            aria-valuetext={percent(confidence)}
          >
            <div style={{ width: percent(confidence) }} />
          </div>
          <span data-num="">{percent(confidence)}</span>
        </div>
      ))}
    </div>
  );
}
