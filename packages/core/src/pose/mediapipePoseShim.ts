/**
 * Stands in for `@mediapipe/pose` (see `vite.aliases.ts`).
 *
 * `@tensorflow-models/pose-detection`'s ESM bundle statically imports `{ Pose }` from
 * `@mediapipe/pose`, a closure-compiled script that attaches its names to `window` and exports
 * nothing, so Rollup/Rolldown-based bundlers (Vite 8) fail with `"Pose" is not exported`
 * (tensorflow/tfjs-models#950, google-ai-edge/mediapipe#4120). webcam-ml only uses the TF.js
 * runtimes of pose-detection, so the MediaPipe runtime is replaced by this class, which is never
 * constructed unless someone asks pose-detection for `runtime: 'mediapipe'` directly.
 */
export class Pose {
  constructor() {
    throw new Error(
      "webcam-ml: pose-detection's MediaPipe runtime is not bundled; use the TF.js runtime (PoseEngine does).",
    );
  }
}

export const VERSION = 'webcam-ml-shim';
