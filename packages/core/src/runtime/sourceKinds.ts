// The one set of checks for what kind of element a source is (safe where the DOM types do not
// exist: Node, SSR, a worker).

export const isVideo = (s: unknown): s is HTMLVideoElement => typeof HTMLVideoElement !== 'undefined' && s instanceof HTMLVideoElement;
export const isImage = (s: unknown): s is HTMLImageElement => typeof HTMLImageElement !== 'undefined' && s instanceof HTMLImageElement;
export const isOffscreen = (s: unknown): s is OffscreenCanvas => typeof OffscreenCanvas !== 'undefined' && s instanceof OffscreenCanvas;
export const isCanvas = (s: unknown): s is HTMLCanvasElement | OffscreenCanvas =>
  (typeof HTMLCanvasElement !== 'undefined' && s instanceof HTMLCanvasElement) || isOffscreen(s);

/** Surface an error nobody handles as an uncaught error (console and `window.onerror`), never silently. */
export function reportUncaught(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}

/** `requestVideoFrameCallback`, typed (not in every lib.dom yet). */
export interface VideoFrameMetadataLike {
  mediaTime: number;
  presentedFrames: number;
}
export type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, metadata: VideoFrameMetadataLike) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};
