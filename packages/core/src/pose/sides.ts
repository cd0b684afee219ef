import type { KeypointName } from './keypoints';

/** A side of the body or of the screen. */
export type Side = 'left' | 'right';

/**
 * The person's own side a keypoint belongs to, from its name, or `null` for the nose and other
 * midline points. Pose models see the frame as the camera delivered it, never mirrored, so
 * `left_wrist` is always the person's left wrist whatever the display does.
 */
export function bodySide(name: KeypointName): Side | null {
  if (name.startsWith('left_') || name.endsWith('_left')) return 'left';
  if (name.startsWith('right_') || name.endsWith('_right')) return 'right';
  return null;
}

/**
 * Which half of the displayed frame a point falls in, for a frame `frameWidth` source pixels wide
 * shown `mirrored` (selfie view) or not. For a person facing the camera, their left hand is on
 * the screen's left when mirrored and on the screen's right when not.
 */
export function screenSide(point: { x: number }, frameWidth: number, mirrored: boolean): Side {
  const shownX = mirrored ? frameWidth - point.x : point.x;
  return shownX < frameWidth / 2 ? 'left' : 'right';
}

/**
 * The name of the same body part on the other side (`left_wrist` ↔ `right_wrist`); midline names
 * are returned unchanged. Use it to label keypoints from the viewer's point of view rather than
 * the person's, for example on an unmirrored display of someone facing the camera.
 */
export function oppositeKeypoint<N extends KeypointName>(name: N): N {
  const swapped = name
    .replace(/^left_/, '\u0000')
    .replace(/^right_/, 'left_')
    .replace('\u0000', 'right_')
    .replace(/_left$/, '\u0001')
    .replace(/_right$/, '_left')
    .replace('\u0001', '_right');
  return swapped as N;
}
