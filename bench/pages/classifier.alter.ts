// Test-time alterations of a frame: what another room's light, a nudged camera and a cheaper sensor
// do to it. Used by the classifier's robustness split (bench/pages/classifier.split.tsx) and its
// browser tests. Deterministic: the noise comes from a seeded generator.
import { gaussian, seededRandom } from '../../packages/core/src/classifier/augmentation';

/** One alteration of a frame, applied in this order: crop/shift, brightness/contrast, noise. */
export interface Alteration {
  name: string;
  /** CSS `brightness()` factor (1 = unchanged). */
  brightness: number;
  /** CSS `contrast()` factor (1 = unchanged). */
  contrast: number;
  /** Side of the window kept, as a share of the frame (1 = the whole frame; 0.9 zooms in by 10%). */
  crop: number;
  /** Where the window sits, as a share of the frame side, from the centre (0.04 of 576 px = 23 px); kept inside the frame. */
  shiftX: number;
  shiftY: number;
  /** Standard deviation of the Gaussian noise added to each channel, in 0..255 levels. */
  noise: number;
  /** Flip horizontally (the mirror-image class of the mirrored split; not an alteration by itself). */
  mirror?: boolean;
}

/**
 * The robustness split's alterations: each mixes a light change, a small shift or crop and sensor
 * noise, as moving to another room does (the case first: darker, shifted 24 px, noisy).
 */
export const ALTERATIONS: readonly Alteration[] = [
  { name: 'darker, shifted, noisy', brightness: 0.6, contrast: 0.85, crop: 0.92, shiftX: 0.04, shiftY: 0, noise: 8 },
  { name: 'brighter, zoomed, noisy', brightness: 1.35, contrast: 1.15, crop: 0.88, shiftX: 0, shiftY: 0.02, noise: 6 },
  { name: 'flat, shifted up-left', brightness: 0.9, contrast: 0.65, crop: 0.94, shiftX: -0.03, shiftY: -0.03, noise: 4 },
  { name: 'dim, very noisy', brightness: 0.75, contrast: 1, crop: 0.96, shiftX: 0.02, shiftY: 0.02, noise: 14 },
];

/** No change (the training frames, or a plain mirror image with `mirror: true`). */
export const ORIGINAL: Alteration = { name: 'original', brightness: 1, contrast: 1, crop: 1, shiftX: 0, shiftY: 0, noise: 0 };

function sourceSize(source: CanvasImageSource): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  const sized = source as { width: number; height: number };
  return { width: sized.width, height: sized.height };
}

/** The current frame of `source`, altered, as a new canvas of the same size. */
export function alterFrame(source: HTMLVideoElement | HTMLImageElement | HTMLCanvasElement, alteration: Alteration, seed = 1): HTMLCanvasElement {
  const { width, height } = sourceSize(source);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: alteration.noise > 0 })!;
  // The window kept (crop × side), moved from the centre by shift × side and kept inside the frame,
  // then resized back to the whole frame: a camera nudged a little, or a little closer.
  const w = width * alteration.crop;
  const h = height * alteration.crop;
  const sx = Math.min(Math.max((width - w) / 2 + alteration.shiftX * width, 0), width - w);
  const sy = Math.min(Math.max((height - h) / 2 + alteration.shiftY * height, 0), height - h);
  if (alteration.mirror) {
    ctx.translate(width, 0);
    ctx.scale(-1, 1);
  }
  ctx.filter = `brightness(${alteration.brightness}) contrast(${alteration.contrast})`;
  ctx.drawImage(source, sx, sy, w, h, 0, 0, width, height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.filter = 'none';
  if (alteration.noise > 0) {
    const image = ctx.getImageData(0, 0, width, height);
    const next = seededRandom(seed);
    const data = image.data;
    for (let i = 0; i < data.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        data[i + c] = Math.max(0, Math.min(255, data[i + c] + gaussian(next) * alteration.noise));
      }
    }
    ctx.putImageData(image, 0, 0);
  }
  return canvas;
}
