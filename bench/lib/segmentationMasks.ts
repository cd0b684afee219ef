// Mask helpers shared by the segmentation bench page and the browser tests: upstream's expected
// mask, our mask at any resolution (through its own drawTo), and the bare model run by hand.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { SegmentationMask } from '@webcam-ml/core/segmentation';
import { loadImage } from './page';

/** Upstream's expected mask (tfjs-models body-segmentation: blue = person, red = background) as 1/0 values. */
export async function expectedMask(url: string): Promise<{ data: Float32Array; width: number; height: number }> {
  const image = await loadImage(url);
  const { naturalWidth: width, naturalHeight: height } = image;
  const ctx = Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  image.remove();
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4 + 2] > rgba[i * 4] ? 1 : 0;
  return { data, width, height };
}

/** Our mask drawn at `width × height` with its own `drawTo` (bilinear, unmirrored), as 0..1 values. */
export function maskAt(mask: SegmentationMask, width: number, height: number): Float32Array {
  const ctx = Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true })!;
  mask.drawTo(ctx, { width, height, mirrored: mask.isMirrored });
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4 + 3] / 255;
  return out;
}

/** The bare selfie model run by hand: loadGraphModel and the model card's pre-processing (stretch to 256×256, 0..1). */
export async function bareSelfieMask(graph: GraphModel, input: HTMLVideoElement | HTMLImageElement): Promise<Float32Array> {
  const out = tf.tidy(() => {
    const pixels = tf.expandDims(tf.cast(tf.browser.fromPixels(input), 'float32'), 0) as tf.Tensor4D;
    const resized = tf.div(tf.image.resizeBilinear(pixels, [256, 256], false, true), 255);
    return graph.execute(resized) as tf.Tensor;
  });
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return data;
}
