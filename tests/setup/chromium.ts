// The browser tests drive Chromium exactly as the benches do: one definition, in bench/lib/chromium.js.
export { chromiumPath, fakeCameraClip, fakeCameraFlags, quietFlags } from '../../bench/lib/chromium.js';
