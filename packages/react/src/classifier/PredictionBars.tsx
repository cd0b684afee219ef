import type { CSSProperties } from 'react';
import type { ClassConfidence } from '@webcam-ml/core/classifier';

/** Anything with a label and a confidence per class: a `ClassifierPrediction` or your own. */
export interface PredictionLike {
  label: string;
  confidences: readonly ClassConfidence[];
}

export interface PredictionBarsProps {
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
   * @default '#2563eb'
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
 */
export function PredictionBars({
  prediction,
  labels,
  announce = true,
  placeholder = 'No prediction yet',
  color = '#2563eb',
  className,
  style,
}: PredictionBarsProps) {
  const rows = (labels ?? prediction?.confidences.map((c) => c.label) ?? []).map((label) => ({
    label,
    confidence: prediction?.confidences.find((c) => c.label === label)?.confidence ?? 0,
  }));
  const winner = prediction?.label ?? null;
  return (
    <div className={className} style={{ font: '14px/1.3 system-ui, sans-serif', display: 'grid', gap: 6, ...style }} data-webcam-ml="prediction-bars">
      {announce && (
        <div role="status" aria-live="polite" style={{ fontWeight: 600 }}>
          {winner === null ? placeholder : `Prediction: ${winner}`}
        </div>
      )}
      {rows.map(({ label, confidence }) => (
        <div key={label} style={{ display: 'grid', gridTemplateColumns: 'minmax(4em, max-content) 1fr 3.5em', gap: 8, alignItems: 'center' }}>
          <span style={{ fontWeight: label === winner ? 700 : 400 }}>
            {label}
          </span>
          <div
            role="meter"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(confidence * 100)}
            aria-valuetext={percent(confidence)}
            style={{ height: 10, background: '#e5e7eb', borderRadius: 5, overflow: 'hidden' }}
          >
            <div style={{ width: percent(confidence), height: '100%', background: label === winner ? color : '#9ca3af' }} />
          </div>
          <span style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{percent(confidence)}</span>
        </div>
      ))}
    </div>
  );
}
