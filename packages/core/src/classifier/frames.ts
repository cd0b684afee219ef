import type { FrameSourceElement } from '../runtime/contracts';
import { sourceSize } from '../runtime/framePixels';
import { ClassifierError } from './ClassifierError';

/**
 * A small square JPEG data URL of the centre of a frame (mirrored if asked), for the UI; `null`
 * where there is no canvas (SSR, jsdom) or the source has no size yet.
 */
export function makeThumbnail(source: FrameSourceElement, size: number, mirrored: boolean): string | null {
  if (size <= 0 || typeof document === 'undefined') return null;
  const { width, height } = sourceSize(source);
  if (!width || !height) return null;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  let image: CanvasImageSource;
  if (typeof ImageData !== 'undefined' && source instanceof ImageData) {
    const scratch = document.createElement('canvas');
    scratch.width = width;
    scratch.height = height;
    const scratchCtx = scratch.getContext('2d');
    if (!scratchCtx) return null;
    scratchCtx.putImageData(source, 0, 0);
    image = scratch;
  } else {
    image = source as CanvasImageSource;
  }
  const side = Math.min(width, height);
  if (mirrored) {
    ctx.translate(size, 0);
    ctx.scale(-1, 1);
  }
  ctx.drawImage(image, (width - side) / 2, (height - side) / 2, side, side, 0, 0, size, size);
  return canvas.toDataURL('image/jpeg', 0.7);
}

/**
 * Resolve once `source` has a frame to read (a video that has data and a size, a decoded image, a
 * canvas with a size), so an example asked for just after mounting waits for the camera's first
 * frame instead of reading an empty one. Throws a `ClassifierError` after `timeoutMs`, and stops
 * waiting at once when `signal` aborts (the engine was disposed).
 */
export async function waitForFrame(source: FrameSourceElement, { timeoutMs = 10_000, signal }: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const ready = () => {
    const { width, height } = sourceSize(source);
    const video = typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement;
    return width > 0 && height > 0 && (!video || source.readyState >= 2);
  };
  const deadline = performance.now() + timeoutMs;
  while (!ready()) {
    if (signal?.aborted) throw new ClassifierError('invalid-action', 'The classifier was disposed while waiting for a frame.');
    if (performance.now() > deadline) {
      throw new ClassifierError('invalid-action', `The source has no frame yet (waited ${timeoutMs} ms): is the camera or video playing?`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
