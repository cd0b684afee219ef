import { mirrorMask, personFraction } from './maskOps';
import { parseColor } from './parseColor';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Where and how `SegmentationMask.drawTo` paints. */
export interface MaskDrawOptions {
  /**
   * The rectangle of the target the frame covers (the mask is stretched over it, as the frame was
   * stretched into the model's input).
   * @default the whole canvas
   */
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  /**
   * Flip left to right, to sit on a mirrored video.
   * @default false
   */
  mirrored?: boolean;
  /**
   * Colour of the person pixels; their alpha is the mask's value, the background stays transparent.
   * @default '#ffffff'
   */
  color?: string;
}

function scratchCanvas(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  return Object.assign(document.createElement('canvas'), { width, height });
}

/**
 * A person mask at the model's resolution: `data[y * width + x]` is how much the pixel is a person
 * (a probability 0..1, or exactly 0/1 with a threshold). The whole frame was stretched to the
 * model's input, so the mask covers the whole frame: pixel (x, y) of the mask sits at
 * (x × frameSize.width / width, y × frameSize.height / height) of the (unmirrored) frame.
 * Immutable: the engine makes a new one per frame.
 */
export class SegmentationMask {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
  /** Size in source pixels of the frame the mask was computed on. */
  readonly frameSize: { width: number; height: number };
  /** Whether `data` is flipped left to right relative to the source (see `mirrored()`). */
  readonly isMirrored: boolean;
  private alphaCanvas: HTMLCanvasElement | OffscreenCanvas | null = null;
  private alphaColor = '';

  constructor(data: Float32Array, width: number, height: number, frameSize: { width: number; height: number }, isMirrored = false) {
    if (data.length !== width * height) throw new RangeError(`SegmentationMask: ${data.length} values for ${width}×${height}`);
    this.data = data;
    this.width = width;
    this.height = height;
    this.frameSize = frameSize;
    this.isMirrored = isMirrored;
  }

  /** The value at mask pixel (x, y), 0 outside. */
  at(x: number, y: number): number {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return 0;
    return this.data[Math.floor(y) * this.width + Math.floor(x)];
  }

  /** The value under a point of the frame, in source pixels. */
  atFrame(x: number, y: number): number {
    return this.at((x * this.width) / (this.frameSize.width || 1), (y * this.height) / (this.frameSize.height || 1));
  }

  /** Share of the mask that is person (values at least `threshold`). */
  personFraction(threshold = 0.5): number {
    return personFraction(this.data, threshold);
  }

  /** The same mask flipped left to right, to match a mirrored video (undoes itself). */
  mirrored(): SegmentationMask {
    return new SegmentationMask(mirrorMask(this.data, this.width, this.height), this.width, this.height, this.frameSize, !this.isMirrored);
  }

  /** The mask as 8-bit alpha (0..255), one byte per pixel. */
  toAlpha(): Uint8ClampedArray {
    const out = new Uint8ClampedArray(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = Math.round(this.data[i] * 255);
    return out;
  }

  /** The mask as RGBA pixels: `color` with the mask as alpha. */
  toImageData(color = '#ffffff'): ImageData {
    const [r, g, b] = parseColor(color);
    const rgba = new Uint8ClampedArray(this.data.length * 4);
    for (let i = 0; i < this.data.length; i++) {
      rgba[i * 4] = r;
      rgba[i * 4 + 1] = g;
      rgba[i * 4 + 2] = b;
      rgba[i * 4 + 3] = Math.round(this.data[i] * 255);
    }
    return new ImageData(rgba, this.width, this.height);
  }

  /**
   * Paints the mask scaled into `target` (bilinear, by the canvas): person pixels in `color` with
   * the mask as alpha, the rest untouched. Combine with `globalCompositeOperation` to cut a person
   * out (`'destination-in'`) or the background (`'destination-out'`).
   */
  drawTo(target: Context2D, options: MaskDrawOptions = {}): void {
    const { x = 0, y = 0, width = target.canvas.width, height = target.canvas.height, mirrored = false, color = '#ffffff' } = options;
    if (!this.alphaCanvas || this.alphaColor !== color) {
      this.alphaCanvas ??= scratchCanvas(this.width, this.height);
      const ctx = this.alphaCanvas.getContext('2d') as Context2D | null;
      if (!ctx) throw new TypeError('SegmentationMask: no 2d canvas context to draw with');
      ctx.putImageData(this.toImageData(color), 0, 0);
      this.alphaColor = color;
    }
    target.save();
    target.imageSmoothingEnabled = true;
    target.imageSmoothingQuality = 'high';
    if (mirrored) {
      target.translate(x + width, y);
      target.scale(-1, 1);
      target.drawImage(this.alphaCanvas, 0, 0, width, height);
    } else {
      target.drawImage(this.alphaCanvas, x, y, width, height);
    }
    target.restore();
  }
}
