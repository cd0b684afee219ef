import { SegmentationError } from '../SegmentationError';
import type { SegmentationMask } from '../SegmentationMask';
import {
  DEFAULT_BLUR,
  DEFAULT_COLOR,
  DEFAULT_FEATHER,
  compositeSourceSize,
  coverCrop,
  type BackgroundCompositor,
  type CompositeOptions,
  type CompositeSource,
} from './types';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function scratch(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  return Object.assign(document.createElement('canvas'), { width, height });
}

/** `c` (made when missing) at `width × height`. */
function sized(c: HTMLCanvasElement | OffscreenCanvas | null, width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  const out = c ?? scratch(width, height);
  if (out.width !== width || out.height !== height) {
    out.width = width;
    out.height = height;
  }
  return out;
}

/**
 * `frame` drawn into `target` (made or resized to `width × height`) and then kept only where the
 * mask is (`'destination-in'`: the person) or where it is not (`'destination-out'`: the background).
 */
function cutByMask(
  target: HTMLCanvasElement | OffscreenCanvas | null,
  frame: CompositeSource,
  mask: HTMLCanvasElement | OffscreenCanvas,
  width: number,
  height: number,
  keep: 'destination-in' | 'destination-out',
): HTMLCanvasElement | OffscreenCanvas {
  const out = sized(target, width, height);
  const c = context(out);
  c.globalCompositeOperation = 'source-over';
  c.clearRect(0, 0, width, height);
  c.drawImage(frame, 0, 0, width, height);
  c.globalCompositeOperation = keep;
  c.imageSmoothingEnabled = true;
  c.drawImage(mask, 0, 0, width, height);
  c.globalCompositeOperation = 'source-over';
  return out;
}

/** The background blur runs at 1/BLUR_SCALE of the frame's width and height. */
const BLUR_SCALE = 4;

function context(c: HTMLCanvasElement | OffscreenCanvas): Context2D {
  const ctx = c.getContext('2d') as Context2D | null;
  if (!ctx) throw new SegmentationError('compositor-unavailable', 'segmentation: no 2d canvas context for the compositor');
  return ctx;
}

/**
 * The compositor for machines without a real GPU: the canvas's own `filter: blur()` for the blurred
 * background and the feathered mask, `destination-in` to cut the person out.
 */
export class Canvas2DCompositor implements BackgroundCompositor {
  readonly kind = '2d' as const;
  readonly canvas: HTMLCanvasElement | OffscreenCanvas;
  private ctx: Context2D;
  private person: HTMLCanvasElement | OffscreenCanvas | null = null;
  private small: HTMLCanvasElement | OffscreenCanvas | null = null;
  private feathered: HTMLCanvasElement | OffscreenCanvas | null = null;
  private cutout: HTMLCanvasElement | OffscreenCanvas | null = null;
  private cutoutBlurred: HTMLCanvasElement | OffscreenCanvas | null = null;

  constructor(canvas: HTMLCanvasElement | OffscreenCanvas) {
    this.canvas = canvas;
    this.ctx = context(canvas);
  }

  render(frame: CompositeSource, frameSize: { width: number; height: number }, mask: SegmentationMask | null, options: CompositeOptions): void {
    const { width, height } = frameSize;
    if (!width || !height) return;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const ctx = this.ctx;
    const mirrored = options.mirrored ?? false;
    const mirror = (c: Context2D) => {
      if (mirrored) c.setTransform(-1, 0, 0, 1, width, 0);
      else c.setTransform(1, 0, 0, 1, 0, 0);
    };
    ctx.globalCompositeOperation = 'source-over';
    ctx.filter = 'none';
    mirror(ctx);
    if (options.effect === 'none') {
      ctx.drawImage(frame, 0, 0, width, height);
      return;
    }
    const feathered = mask ? this.featheredMask(mask, width, options.feather ?? DEFAULT_FEATHER) : null;
    const image = options.effect === 'image' ? options.image : null;
    const imageSize = image ? compositeSourceSize(image) : null;
    if (options.effect === 'color') {
      ctx.fillStyle = options.color ?? DEFAULT_COLOR;
      ctx.fillRect(0, 0, width, height);
    } else if (image && imageSize && imageSize.width && imageSize.height) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(image, ...coverCrop(imageSize.width, imageSize.height, width, height), 0, 0, width, height);
      mirror(ctx);
    } else {
      const blur = options.effect === 'blur' ? (options.blur ?? DEFAULT_BLUR) : DEFAULT_BLUR;
      // Blurred at a quarter of the size and scaled up: a blur hides the lost detail, and a canvas
      // blur costs about its area times its radius (bench:segmentation, 640×480 on this 2-core
      // machine: compositing went from 17.7 to 8.2 ms a frame).
      const w = Math.max(1, Math.round(width / BLUR_SCALE));
      const h = Math.max(1, Math.round(height / BLUR_SCALE));
      this.small = sized(this.small, w, h);
      const small = context(this.small);
      const sigma = blur / BLUR_SCALE;
      // The blur fades to transparent at the canvas edge; drawing the frame a little larger than
      // the canvas keeps the edges opaque.
      const pad = Math.ceil(sigma * 2);
      small.filter = sigma > 0 ? `blur(${sigma}px)` : 'none';
      small.drawImage(frame, -pad, -pad, w + 2 * pad, h + 2 * pad);
      small.filter = 'none';
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.small, 0, 0, width, height);
      if (feathered) {
        // The plain blur smears the person into the background (a dark halo). Blur the frame with
        // the person cut out too: the canvas keeps colours premultiplied, so where that layer is
        // partly transparent its colour is the average of background pixels only. Drawn over the
        // plain blur, it replaces the halo wherever background is near.
        this.cutout = cutByMask(this.cutout, frame, feathered, w, h, 'destination-out');
        this.cutoutBlurred = sized(this.cutoutBlurred, w, h);
        const cb = context(this.cutoutBlurred);
        cb.clearRect(0, 0, w, h);
        cb.filter = sigma > 0 ? `blur(${sigma}px)` : 'none';
        cb.drawImage(this.cutout, 0, 0);
        cb.filter = 'none';
        // Twice: one layer of partial alpha leaves half the halo.
        ctx.drawImage(this.cutoutBlurred, 0, 0, width, height);
        ctx.drawImage(this.cutoutBlurred, 0, 0, width, height);
      }
    }
    if (!mask || !feathered) return;
    this.person = cutByMask(this.person, frame, feathered, width, height, 'destination-in');
    ctx.drawImage(this.person, 0, 0, width, height);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** The mask made at its own (small) resolution, feathered there, to be stretched over the frame. */
  private featheredMask(mask: SegmentationMask, width: number, featherPx: number): HTMLCanvasElement | OffscreenCanvas {
    this.feathered = sized(this.feathered, mask.width, mask.height);
    const f = context(this.feathered);
    f.clearRect(0, 0, mask.width, mask.height);
    const feather = (featherPx * mask.width) / width;
    f.filter = feather > 0 ? `blur(${feather}px)` : 'none';
    mask.drawTo(f, { mirrored: mask.isMirrored });
    f.filter = 'none';
    return this.feathered;
  }

  dispose(): void {
    this.person = null;
    this.small = null;
    this.feathered = null;
    this.cutout = null;
    this.cutoutBlurred = null;
  }
}
