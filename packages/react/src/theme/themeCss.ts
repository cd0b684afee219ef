/**
 * The components' one visual language, as a stylesheet: design tokens (CSS custom properties) for
 * light and dark, and the look of every component, keyed on its `data-webcam-ml` attribute.
 *
 * - Everything sits in the cascade layer `webcam-ml` and inside `:where()`, so any rule of yours
 *   (unlayered, any specificity) wins: `:root { --webcam-ml-accent: hotpink }` re-themes all.
 * - Dark follows `prefers-color-scheme`; `data-theme="dark"` or `"light"` on any ancestor forces one.
 * - A component with `unstyled` carries `data-unstyled` and none of these rules apply to it.
 * - State is in `data-*` attributes (`data-status`, `data-recording`, `data-winner`...), so you
 *   can style states from outside too. ARCHITECTURE.md, "Visual language", lists them.
 *
 * `<Webcam>` does not inject this sheet (it must stay tiny and model-free); it reads the same
 * tokens with fallbacks, so it matches when another component (or you) loaded the sheet.
 */
const LIGHT =
  '--webcam-ml-fg:#0f172a;--webcam-ml-fg-muted:#475569;--webcam-ml-bg:#fff;--webcam-ml-bg-raised:#f8fafc;' +
  '--webcam-ml-bg-hover:#e2e8f0;--webcam-ml-border:#cbd5e1;--webcam-ml-track:#e2e8f0;--webcam-ml-bar:#94a3b8;' +
  '--webcam-ml-accent:#2563eb;--webcam-ml-accent-fg:#fff;--webcam-ml-danger:#dc2626;--webcam-ml-success:#047857;';
const DARK =
  '--webcam-ml-fg:#f1f5f9;--webcam-ml-fg-muted:#94a3b8;--webcam-ml-bg:#0f172a;--webcam-ml-bg-raised:#1e293b;' +
  '--webcam-ml-bg-hover:#334155;--webcam-ml-border:#475569;--webcam-ml-track:#334155;--webcam-ml-bar:#64748b;' +
  '--webcam-ml-accent:#60a5fa;--webcam-ml-accent-fg:#0f172a;--webcam-ml-danger:#f87171;--webcam-ml-success:#34d399;';
const SHARED =
  '--webcam-ml-font:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;' +
  '--webcam-ml-font-size:14px;--webcam-ml-radius:8px;--webcam-ml-radius-sm:6px;--webcam-ml-space:8px;' +
  '--webcam-ml-overlay-bg:rgba(15,23,42,.82);--webcam-ml-overlay-fg:#f8fafc;';

/** A rule for a component's parts, only while it is styled. */
const on = (name: string, rest: string, body: string) => `:where([data-webcam-ml="${name}"]:not([data-unstyled])${rest}){${body}}`;
const any = (rest: string, body: string) => `:where([data-webcam-ml]:not([data-unstyled])${rest}){${body}}`;

const COMPONENTS = [
  any('', 'font-family:var(--webcam-ml-font);font-size:var(--webcam-ml-font-size);line-height:1.4'),
  any(' :is(h1,h2,h3,h4)', 'font:600 1.1em/1.3 var(--webcam-ml-font);margin:0'),
  any(
    ' :is(button,input,select)',
    'font:inherit;color:var(--webcam-ml-fg);background:var(--webcam-ml-bg-raised);border:1px solid var(--webcam-ml-border);' +
      'border-radius:var(--webcam-ml-radius-sm);padding:4px 12px;min-height:32px;box-sizing:border-box',
  ),
  any(' button', 'cursor:pointer;font-weight:500'),
  any(' button:hover:not(:disabled)', 'background:var(--webcam-ml-bg-hover)'),
  any(' :is(button,input,select):focus-visible', 'outline:2px solid var(--webcam-ml-accent);outline-offset:2px'),
  any(' button:disabled', 'opacity:.5;cursor:not-allowed'),
  // <Webcam>'s state panel (a grid) inside a themed container: its button at its own width.
  any(' [data-status]>[role]>button', 'justify-self:center'),
  any(' button[data-variant="primary"]', 'background:var(--webcam-ml-accent);color:var(--webcam-ml-accent-fg);border-color:transparent'),
  any(' button[aria-pressed="true"]', 'background:var(--webcam-ml-danger);color:#fff;border-color:transparent'),
  any(' [role="alert"]', 'color:var(--webcam-ml-danger)'),
  any(' [data-message="info"]', 'color:var(--webcam-ml-success)'),
  any(' [role="meter"]', 'height:8px;border-radius:999px;background:var(--webcam-ml-track);overflow:hidden'),
  any(' [role="meter"]>div', 'height:100%;background:var(--webcam-ml-bar)'),
  any(' [data-winner] [role="meter"]>div', 'background:var(--webcam-ml-accent)'),
  any(' [data-num]', 'text-align:right;font-variant-numeric:tabular-nums'),

  on('classifier-trainer', '', 'display:grid;gap:calc(var(--webcam-ml-space)*1.5);color:var(--webcam-ml-fg)'),
  on('classifier-trainer', ' :is(p,ul)', 'margin:0'),
  on('classifier-trainer', ' ul', 'list-style:none;padding:0;display:grid;gap:var(--webcam-ml-space)'),
  on(
    'classifier-trainer',
    ' li',
    'display:grid;gap:6px;padding:10px 12px;border:1px solid var(--webcam-ml-border);border-radius:var(--webcam-ml-radius);background:var(--webcam-ml-bg-raised)',
  ),
  on('classifier-trainer', ' li[data-recording]', 'border-color:var(--webcam-ml-danger)'),
  on('classifier-trainer', ' li img', 'border-radius:4px;object-fit:cover'),
  on('classifier-trainer', ' [data-row]', 'display:flex;gap:var(--webcam-ml-space);align-items:center;flex-wrap:wrap'),
  on('classifier-trainer', ' span[data-count]', 'color:var(--webcam-ml-fg-muted);margin-right:auto'),
  on('classifier-trainer', ' [data-status]', 'color:var(--webcam-ml-fg-muted)'),
  on('classifier-trainer', ' form', 'display:flex;gap:var(--webcam-ml-space);align-items:center;flex-wrap:wrap'),
  on('classifier-trainer', ' [data-actions]', 'display:flex;gap:var(--webcam-ml-space);flex-wrap:wrap'),

  on('prediction-bars', '', 'display:grid;gap:6px;color:var(--webcam-ml-fg)'),
  on('prediction-bars', ' [role="status"]', 'font-weight:600'),
  on('prediction-bars', ' [data-label]', 'display:grid;grid-template-columns:minmax(4em,max-content) 1fr 3.5em;gap:var(--webcam-ml-space);align-items:center'),
  on('prediction-bars', ' [data-winner]>span:first-child', 'font-weight:700'),

  on('face-card', '', 'display:grid;gap:var(--webcam-ml-space);padding:12px;min-width:220px;border-radius:var(--webcam-ml-radius);border:1px solid var(--webcam-ml-border);background:var(--webcam-ml-bg-raised);color:var(--webcam-ml-fg)'),
  on('face-card', ' p', 'margin:0;color:var(--webcam-ml-fg-muted)'),
  on('face-card', ' dl', 'display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0'),
  on('face-card', ' dt', 'color:var(--webcam-ml-fg-muted)'),
  on('face-card', ' dd', 'margin:0'),
  on('face-card', ' ul', 'list-style:none;margin:0;padding:0;display:grid;gap:4px'),
  on('face-card', ' li', 'display:grid;grid-template-columns:7.5em 1fr 3em;align-items:center;gap:var(--webcam-ml-space)'),
  on('face-card', ' li>span:first-child', 'display:flex;align-items:center;gap:6px'),

  on('expression-meter', '', 'display:inline-grid;justify-items:center;gap:4px;margin:0;color:var(--webcam-ml-fg)'),
  on('expression-meter', ' svg', 'color:var(--webcam-ml-accent)'),
  on('expression-meter', ':is([data-expression="none"],:not([data-confident])) svg', 'color:var(--webcam-ml-fg-muted);opacity:.6'),
  on('expression-meter', ' [data-num]', 'color:var(--webcam-ml-fg-muted)'),

  on('performance', '', 'display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;font-variant-numeric:tabular-nums;color:var(--webcam-ml-fg)'),
  on('performance', '>div', 'display:flex;gap:4px'),
  on('performance', ' dt', 'color:var(--webcam-ml-fg-muted)'),
  on('performance', ' dd', 'margin:0;font-weight:600'),

];

/**
 * The stylesheet every styled component injects once per document (`<style id="webcam-ml-theme">`).
 * Import it yourself to put it in your own CSS bundle or server-rendered `<head>`.
 */
export const webcamMLThemeCss =
  '@layer webcam-ml{' +
  `:root,[data-theme="light"]{${SHARED}${LIGHT}}` +
  `@media (prefers-color-scheme:dark){:root:not([data-theme="light"]){${DARK}}}` +
  `[data-theme="dark"]{${DARK}}` +
  COMPONENTS.join('') +
  '}';
