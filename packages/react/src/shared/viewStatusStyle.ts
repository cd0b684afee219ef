import type { CSSProperties } from 'react';

/**
 * The status line a drop-in view (`PoseView`, `HandView`) draws over its video, bottom left: over
 * video whatever the page theme, in the overlay tokens with fallbacks (no stylesheet needed).
 */
export const VIEW_STATUS_STYLE: CSSProperties = {
  position: 'absolute',
  left: 8,
  bottom: 8,
  margin: 0,
  padding: '2px 8px',
  borderRadius: 4,
  color: 'var(--webcam-ml-overlay-fg, #f8fafc)',
  background: 'var(--webcam-ml-overlay-bg, rgba(15, 23, 42, 0.82))',
  font: '13px/1.4 var(--webcam-ml-font, system-ui, sans-serif)',
};
