import { SegmentationError } from './SegmentationError';

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)` as [r, g, b], 0..255; throws an 'invalid-options' error otherwise. */
export function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(color.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new SegmentationError('invalid-options', `segmentation: color must be #rgb, #rrggbb or rgb(r, g, b); got ${JSON.stringify(color)}`);
}
