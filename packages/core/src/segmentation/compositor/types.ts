import type { SegmentationMask } from '../SegmentationMask';

/** Anything the compositor can draw a frame or a background from. */
export type CompositeSource = HTMLVideoElement | HTMLImageElement | HTMLCanvasElement | ImageBitmap | OffscreenCanvas;

/** What is done with the pixels behind the person. */
export type BackgroundEffectName = 'blur' | 'image' | 'color' | 'none';

/** The effect, as a discriminated union: each effect takes only what it uses. */
export type BackgroundEffectSpec =
  | { effect: 'none' }
  | {
      effect: 'blur';
      /**
       * Standard deviation of the blur, in pixels of the frame (CSS `blur()` semantics).
       * @default 12
       */
      blur?: number;
    }
  | {
      effect: 'color';
      /**
       * The background colour (`#rgb`, `#rrggbb` or `rgb(r, g, b)`).
       * @default '#00b140' (chroma green)
       */
      color?: string;
    }
  | {
      effect: 'image';
      /**
       * The background: an image, a playing video or a canvas, scaled to cover the frame (never
       * mirrored). While it is `null` or not loaded, the background is blurred instead.
       */
      image: CompositeSource | null;
    };

/** One composited frame's inputs. */
export type CompositeOptions = BackgroundEffectSpec & {
  /**
   * Softens the person's outline over about this many pixels of the frame.
   * @default 3
   */
  feather?: number;
  /**
   * Flip the frame and the mask left to right (a selfie view); a background image is not flipped.
   * @default false
   */
  mirrored?: boolean;
};

/** Which drawing path a compositor uses. */
export type CompositorKind = 'webgl2' | '2d';

/** `'auto'` takes WebGL2 on a real GPU and the 2D canvas otherwise (see `chooseCompositorKind`). */
export type CompositorPreference = CompositorKind | 'auto';

/**
 * Draws a camera frame with its background replaced into one canvas. Framework-free; one per
 * output canvas.
 */
export interface BackgroundCompositor {
  readonly kind: CompositorKind;
  /** The canvas drawn into; its size follows the frame's. */
  readonly canvas: HTMLCanvasElement | OffscreenCanvas;
  /**
   * Draw `frame` (of `frameSize`, in source pixels) with `mask`. Without a mask yet (the model is
   * loading), every pixel counts as background: nothing behind the person shows before it is known.
   */
  render(frame: CompositeSource, frameSize: { width: number; height: number }, mask: SegmentationMask | null, options: CompositeOptions): void;
  /** Free the GPU resources and scratch canvases. */
  dispose(): void;
}

export const DEFAULT_BLUR = 12;
export const DEFAULT_COLOR = '#00b140';
export const DEFAULT_FEATHER = 3;

/** The `sx, sy, sw, sh` of `source` that covers a `width × height` box (CSS `object-fit: cover`). */
export function coverCrop(sourceWidth: number, sourceHeight: number, width: number, height: number): [number, number, number, number] {
  if (!sourceWidth || !sourceHeight || !width || !height) return [0, 0, sourceWidth, sourceHeight];
  const scale = Math.max(width / sourceWidth, height / sourceHeight);
  const sw = width / scale;
  const sh = height / scale;
  return [(sourceWidth - sw) / 2, (sourceHeight - sh) / 2, sw, sh];
}

/** Intrinsic size of a composite source, 0 while unknown. */
export function compositeSourceSize(s: CompositeSource): { width: number; height: number } {
  if (typeof HTMLVideoElement !== 'undefined' && s instanceof HTMLVideoElement) return { width: s.videoWidth, height: s.videoHeight };
  if (typeof HTMLImageElement !== 'undefined' && s instanceof HTMLImageElement) {
    return s.complete ? { width: s.naturalWidth, height: s.naturalHeight } : { width: 0, height: 0 };
  }
  return { width: s.width, height: s.height };
}
