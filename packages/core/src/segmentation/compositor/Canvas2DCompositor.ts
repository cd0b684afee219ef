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
      // The blur fades to transparent at the canvas edge; drawing the frame a little larger than
      // the canvas keeps the edges opaque.
      const pad = Math.ceil(blur * 2);
      ctx.filter = `blur(${blur}px)`;
      ctx.drawImage(frame, -pad, -pad, width + 2 * pad, height + 2 * pad);
      ctx.filter = 'none';
    }
    if (!mask) return;
    this.person ??= scratch(width, height);
    if (this.person.width !== width || this.person.height !== height) {
      this.person.width = width;
      this.person.height = height;
    }
    const p = context(this.person);
    p.globalCompositeOperation = 'source-over';
    p.filter = 'none';
    p.clearRect(0, 0, width, height);
    p.drawImage(frame, 0, 0, width, height);
    p.globalCompositeOperation = 'destination-in';
    const feather = options.feather ?? DEFAULT_FEATHER;
    if (feather > 0) p.filter = `blur(${feather}px)`;
    mask.drawTo(p, { width, height, mirrored: mask.isMirrored });
    p.filter = 'none';
    p.globalCompositeOperation = 'source-over';
    ctx.drawImage(this.person, 0, 0, width, height);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  dispose(): void {
    this.person = null;
  }
}
