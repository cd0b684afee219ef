/** Where an overlay label goes, in CSS pixels of the overlay. */
export interface LabelPlacement {
  /** Top of the label. */
  top: number;
  /**
   * Where the label would start: the box's left edge, inside the overlay. Render the label in a
   * full-width flex row after a spacer of `flex: 0 1 <indent>px` (see `labelRowStyle`): the spacer
   * shrinks when the label would pass the right edge, so the label moves left just enough to fit.
   */
  indent: number;
}

/** Height of one overlay label line (13px text at line-height 1.3, 2px padding above and below). */
export const LABEL_HEIGHT = 22;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

/**
 * Places the label of a box so that it stays inside the overlay: above the box when there is room,
 * else just inside its top edge (never above or below the overlay); starting at the box's left
 * edge, never left of the overlay. Its width is the browser's to measure: `labelRowStyle` and
 * `labelSpacerStyle` keep its right edge inside too.
 */
export function placeLabel(
  box: { x: number; y: number; width: number; height: number },
  display: { width: number; height: number },
  labelHeight = LABEL_HEIGHT,
): LabelPlacement {
  const top = box.y >= labelHeight ? box.y - labelHeight : clamp(box.y + 2, 0, display.height - labelHeight);
  return { top, indent: clamp(box.x, 0, display.width) };
}

/** The full-width row a label sits in (its `top` from `placeLabel`). */
export function labelRowStyle(top: number) {
  return { position: 'absolute', left: 0, width: '100%', top, display: 'flex', pointerEvents: 'none' } as const;
}

/** The spacer before a label: `indent` wide, shrinking so that the label fits. */
export function labelSpacerStyle(indent: number) {
  return { flex: `0 1 ${indent}px`, minWidth: 0 } as const;
}
