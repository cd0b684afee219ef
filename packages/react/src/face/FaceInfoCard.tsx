import type { CSSProperties, ReactNode } from 'react';
import { FACE_EXPRESSIONS, type FaceInfo } from '@webcam-ml/core/face';
import { ageText, EXPRESSION_EMOJI, percent } from './faceText';

export interface FaceInfoCardProps {
  /** The face to describe (one of `useFaceInfo().faces`); a placeholder shows while null. */
  face: FaceInfo | null | undefined;
  /**
   * The card's heading, for example a `FaceMatcher` label.
   * @default "Face <id>"
   */
  title?: ReactNode;
  /**
   * Text shown while there is no face.
   * @default 'No face in view'
   */
  emptyText?: ReactNode;
  className?: string;
  style?: CSSProperties;
}

const card: CSSProperties = {
  display: 'grid',
  gap: 8,
  padding: 12,
  minWidth: 220,
  borderRadius: 8,
  background: '#0f172a',
  color: '#f8fafc',
  font: '14px/1.4 system-ui, sans-serif',
};
const bar: CSSProperties = { height: 8, borderRadius: 4, background: 'rgba(148, 163, 184, 0.3)', overflow: 'hidden' };

/**
 * Age, gender and expression bars of one face, as text a screen reader reads in full. Age and
 * gender are labelled as estimates (see docs/face-estimates.md).
 */
export function FaceInfoCard({ face, title, emptyText = 'No face in view', className, style }: FaceInfoCardProps) {
  if (!face) {
    return (
      <section className={className} style={{ ...card, ...style }} data-webcam-ml="face-card" aria-label="Face information">
        <p style={{ margin: 0, opacity: 0.8 }}>{emptyText}</p>
      </section>
    );
  }
  const heading = title ?? `Face ${face.id}`;
  return (
    <section className={className} style={{ ...card, ...style }} data-webcam-ml="face-card" data-face={face.id} aria-label={typeof heading === 'string' ? heading : 'Face information'}>
      <h3 style={{ margin: 0, fontSize: 16 }}>{heading}</h3>
      {(face.age !== null || face.gender) && (
        <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px', margin: 0 }}>
          {face.age !== null && (
            <>
              <dt>Apparent age</dt>
              <dd style={{ margin: 0 }}>{ageText(face.age)} (estimate)</dd>
            </>
          )}
          {face.gender && face.genderProbability !== null && (
            <>
              <dt>Apparent gender</dt>
              <dd style={{ margin: 0 }}>
                {face.gender}, {percent(face.genderProbability)} (estimate)
              </dd>
            </>
          )}
        </dl>
      )}
      {face.expressions && (
        <ul aria-label="Expressions" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 4 }}>
          {FACE_EXPRESSIONS.map((name) => {
            const p = face.expressions![name];
            const dominant = name === face.dominantExpression;
            return (
              <li key={name} data-expression={name} style={{ display: 'grid', gridTemplateColumns: '7.5em 1fr 3em', alignItems: 'center', gap: 8, fontWeight: dominant ? 700 : 400 }}>
                <span>
                  <span aria-hidden="true">{EXPRESSION_EMOJI[name]} </span>
                  {name}
                </span>
                <div role="meter" aria-label={name} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p * 100)} aria-valuetext={percent(p)} style={bar}>
                  <div style={{ width: `${p * 100}%`, height: '100%', background: dominant ? '#22d3ee' : '#64748b' }} />
                </div>
                <span style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{percent(p)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
