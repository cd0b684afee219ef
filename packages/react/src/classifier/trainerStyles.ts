import type { CSSProperties } from 'react';

/** The trainer's buttons (one look for the trainer and its class rows). */
export const button: CSSProperties = { font: 'inherit', padding: '4px 10px', borderRadius: 6, border: '1px solid #9ca3af', background: '#fff', cursor: 'pointer' };
