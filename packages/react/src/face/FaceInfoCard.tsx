import type { CSSProperties, ReactNode } from 'react';
import { FACE_EXPRESSIONS, type FaceInfo } from '@webcam-ml/core/face';
import { themeRoot, useThemeStyle, type UnstyledProp } from '../theme/useThemeStyle';
import { ExpressionIcon } from './ExpressionIcon';
import { ageText, percent } from './faceText';

export interface FaceInfoCardProps extends UnstyledProp {
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

/**
 * Age, gender and expression bars of one face, as text a screen reader reads in full. Age and
 * gender are labelled as estimates (see docs/face-estimates.md).
 * State for CSS: `data-face` (the face's id) or `data-empty`, and `data-dominant` on the
 * dominant expression's row.
 */
export function FaceInfoCard({ face, title, emptyText = 'No face in view', unstyled, className, style }: FaceInfoCardProps) {
  useThemeStyle(unstyled);
  const root = { ...themeRoot('face-card', unstyled), className, style };
  if (!face) {
    return (
      <section {...root} data-empty="" aria-label="Face information">
        <p>{emptyText}</p>
      </section>
    );
  }
  const heading = title ?? `Face ${face.id}`;
  return (
    <section {...root} data-face={face.id} aria-label={typeof heading === 'string' ? heading : 'Face information'}>
      <h3>{heading}</h3>
      {(face.age !== null || face.gender) && (
        <dl>
          {face.age !== null && (
            <>
              <dt>Apparent age</dt>
              <dd>{ageText(face.age)} (estimate)</dd>
            </>
          )}
          {face.gender && face.genderProbability !== null && (
            <>
              <dt>Apparent gender</dt>
              <dd>
                {face.gender}, {percent(face.genderProbability)} (estimate)
              </dd>
            </>
          )}
        </dl>
      )}
      {face.expressions && (
        <ul aria-label="Expressions">
          {FACE_EXPRESSIONS.map((name) => {
            const p = face.expressions![name];
            const dominant = name === face.dominantExpression;
            return (
              <li key={name} data-expression={name} data-dominant={dominant ? '' : undefined} data-winner={dominant ? '' : undefined}>
                <span>
                  <ExpressionIcon expression={name} size={16} />
                  {name}
                </span>
                <div role="meter" aria-label={name} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p * 100)} aria-valuetext={percent(p)}>
                  <div style={{ width: `${p * 100}%` }} />
                </div>
                <span data-num="">{percent(p)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
