import * as tf from '@tensorflow/tfjs-core';
import type { FrameSourceElement } from './contracts';
import { isImage, isOffscreen, isVideo } from './sourceKinds';

/**
 * The longest side, in pixels, a frame is read at. A larger source (a 50 MP photo, an 8000×8000
 * canvas) is scaled down to it: read at full size it costs hundreds of MB and seconds per frame,
 * and exceeds WebGL's texture size limit on many devices, while no model here looks at more than
 * 608 px of it. Results (keypoints, boxes, `frameSize`) are in the pixels of the frame as read.
 */
export const MAX_FRAME_SIDE = 2048;


/** Intrinsic size of a source in pixels, 0 while unknown (a video before its first frame, an image still loading). */
export function sourceSize(s: FrameSourceElement): { width: number; height: number } {
  if (isVideo(s)) return { width: s.videoWidth, height: s.videoHeight };
  if (isImage(s)) return s.complete ? { width: s.naturalWidth, height: s.naturalHeight } : { width: 0, height: 0 };
  return { width: s.width, height: s.height };
}

/** The size a frame of `s` is read at: its own, or scaled down to fit `MAX_FRAME_SIDE`. */
export function frameSize(s: FrameSourceElement): { width: number; height: number } {
  const size = sourceSize(s);
  const longest = Math.max(size.width, size.height);
  if (longest <= MAX_FRAME_SIDE) return size;
  const scale = MAX_FRAME_SIDE / longest;
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

function canvas(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof document !== 'undefined') return Object.assign(document.createElement('canvas'), { width, height });
  return new OffscreenCanvas(width, height);
}

function context2d(c: HTMLCanvasElement | OffscreenCanvas): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const ctx = c.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new TypeError('webcam-ml: no 2d canvas context to read a frame with');
  return ctx;
}

/**
 * In a worker, TF.js reads a bitmap through an OffscreenCanvas of its own made without
 * `willReadFrequently`: a GPU canvas, so every frame's `getImageData` is a read-back from the GPU
 * (10 ms a 576×576 frame on this machine's SwiftShader). Where the backend has no pixel-upload
 * kernel of its own (wasm, cpu), a worker's frames go through our scratch canvas, which is made
 * for reading. On WebGL and WebGPU the backend uploads the bitmap itself.
 */
function readsThroughWorkerCanvas(): boolean {
  return typeof document === 'undefined' && tf.getKernel('FromPixels', tf.getBackend()) === undefined;
}

/** One canvas for every scaled read: reads are synchronous, so they never overlap. */
let scratch: HTMLCanvasElement | OffscreenCanvas | null = null;

/**
 * The frame of `s` as an int32 [height, width, 3] tensor at `frameSize(s)`. The caller owns
 * (disposes) it.
 */
export function readFramePixels(s: FrameSourceElement): tf.Tensor3D {
  const size = sourceSize(s);
  const target = frameSize(s);
  // tf.browser.fromPixels reads an <img> at its layout size (img.width), not its natural size: an
  // image laid out at another size than its own goes through the canvas like a scaled read.
  const laidOutResized = isImage(s) && (s.width !== size.width || s.height !== size.height);
  if (target.width === size.width && target.height === size.height && !laidOutResized && !readsThroughWorkerCanvas()) {
    if (isOffscreen(s)) {
      const ctx = s.getContext('2d') as OffscreenCanvasRenderingContext2D | null;
      if (!ctx) throw new TypeError('webcam-ml: an OffscreenCanvas source must have a 2d context');
      return tf.browser.fromPixels(ctx.getImageData(0, 0, s.width, s.height));
    }
    return tf.browser.fromPixels(s as Exclude<FrameSourceElement, OffscreenCanvas>);
  }
  let image: CanvasImageSource;
  if (typeof ImageData !== 'undefined' && s instanceof ImageData) {
    const full = canvas(s.width, s.height);
    context2d(full).putImageData(s, 0, 0);
    image = full;
  } else {
    image = s as CanvasImageSource;
  }
  scratch ??= canvas(target.width, target.height);
  if (scratch.width !== target.width || scratch.height !== target.height) {
    scratch.width = target.width;
    scratch.height = target.height;
  }
  const ctx = context2d(scratch);
  ctx.drawImage(image, 0, 0, target.width, target.height);
  return tf.browser.fromPixels(ctx.getImageData(0, 0, target.width, target.height));
}
