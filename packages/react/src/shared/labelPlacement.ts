/** Where an overlay label goes, in CSS pixels of the overlay (one of `left` / `right` is set). */
export interface LabelPlacement {
  left?: number;
  right?: number;
  top: number;
  /** The room left before the far edge: give the label this `max-width` (and an ellipsis). */
  maxWidth: number;
}

/** Height of one overlay label line (13px text at line-height 1.3, 2px padding above and below). */
export const LABEL_HEIGHT = 22;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

/**
 * Places the label of a box so that it stays inside the overlay: above the box when there is room,
 * else just inside its top edge; lined up with the box's left edge, or with its right edge when
 * the box is in the right half (so a face at the right edge keeps its whole label), never past
 * either side. The label gets at least half the overlay's width before it is cut with an ellipsis.
 */
export function placeLabel(
  box: { x: number; y: number; width: number; height: number },
  display: { width: number; height: number },
  labelHeight = LABEL_HEIGHT,
): LabelPlacement {
  const top = box.y >= labelHeight ? box.y - labelHeight : clamp(box.y + 2, 0, display.height - labelHeight);
  if (box.x + box.width / 2 > display.width / 2) {
    const right = clamp(display.width - (box.x + box.width), 0, display.width);
    return { right, top, maxWidth: display.width - right };
  }
  const left = clamp(box.x, 0, display.width);
  return { left, top, maxWidth: display.width - left };
}
