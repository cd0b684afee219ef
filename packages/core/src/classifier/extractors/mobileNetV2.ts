/**
 * The `'image'` features: the Keras MobileNetV2 (ImageNet-pretrained, 224×224 RGB in 0..1) that
 * the `nsfwjs` npm package ships in tfjs-layers format, copied offline to
 * `<modelBaseUrl>classifier/mobilenet-v2/` by `webcam-ml-models`.
 *
 * Why this one: it is the only ImageNet-class CNN among our pinned npm packages whose weights are
 * bundled (nothing fetched from a CDN), and as a layers model it can be cut at any layer with
 * `tf.model({ inputs, outputs: layer.output })` while sharing the weights. Its convolutional trunk
 * is the stock ImageNet MobileNetV2 (nsfwjs fine-tuned only the dense head we throw away), so the
 * embeddings are general-purpose like Teachable Machine's. (The other copied file,
 * `mobilenet-v2-mid/`, is nsfwjs's larger *graph* model, a 1.4-wide MobileNetV2 that cannot be cut
 * without graph surgery; we do not use it.)
 *
 * Two cuts, each followed by pooling (`ImagePooling`: a 2×2 grid by default, or one average):
 * - `'pooled'`: `out_relu`, the last convolution (7×7×1280) → 4 × 1280 numbers (1280 averaged).
 * - `'mid'`: `block_10_expand_relu`, mid-network (14×14×384) → 4 × 384 numbers (384 averaged),
 *   about 2/3 of the cost.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, model as functionalModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { LoadContext, ModelSpec } from '../../runtime/contracts';
import { loadModelArtifacts } from '../../runtime/modelArtifacts';
import { warmUpLayersInSlices } from '../../runtime/slicedWarmUp';
import type { AugmentView } from '../augmentation';

/** Path of the model under `modelBaseUrl`. */
export const MOBILENET_V2_PATH = 'classifier/mobilenet-v2/model.json';
/** The network's input side, pixels. */
export const MOBILENET_V2_INPUT = 224;

/** Where each `'image'` layer choice cuts the network, and the embedding size it gives. */
export const MOBILENET_V2_CUTS = {
  pooled: { layer: 'out_relu', dimension: 1280 },
  mid: { layer: 'block_10_expand_relu', dimension: 384 },
} as const;

export type MobileNetCut = keyof typeof MOBILENET_V2_CUTS;

/**
 * The loaded network: the full model (owner of the weights) and the truncated models built so far,
 * one per cut a classifier asked for (they share the base's weights).
 */
export interface MobileNetV2Features {
  base: LayersModel;
  cuts: Partial<Record<MobileNetCut, LayersModel>>;
}

/** The truncated model for `cut`, built the first time a classifier asks for it. */
export function mobileNetCut(model: MobileNetV2Features, cut: MobileNetCut): LayersModel {
  let truncated = model.cuts[cut];
  if (!truncated) {
    const output = model.base.getLayer(MOBILENET_V2_CUTS[cut].layer).output as SymbolicTensor;
    truncated = functionalModel({ inputs: model.base.inputs, outputs: output });
    model.cuts[cut] = truncated;
  }
  return truncated;
}

/**
 * The model-cache spec: one load per page whatever the number of classifiers and cuts. The load
 * builds and warms up only `warm`, the cut of the classifier that asked first (a cut asked for
 * later is built on its first frame): warming a cut nobody uses would cost a second pass.
 */
export function mobileNetV2Spec(resolveUrl: (path: string) => string, warm: MobileNetCut = 'pooled'): ModelSpec<MobileNetV2Features> {
  const url = resolveUrl(MOBILENET_V2_PATH);
  return {
  key: `webcam-ml/classifier/${url}`,
  startsBeforeBackend: true,
  async load(ctx: LoadContext) {
    const artifacts = await loadModelArtifacts(ctx, url);
    await ctx.backendReady();
    const base = await loadLayersModel(artifacts);
    const model: MobileNetV2Features = { base, cuts: {} };
    // Warm-up: compiles the kernels (shaders on WebGL) once, before the first real frame, in
    // slices between other tasks' frames (after a context loss pose runs while this compiles).
    const input = tf.zeros([1, MOBILENET_V2_INPUT, MOBILENET_V2_INPUT, 3]);
    try {
      await warmUpLayersInSlices(mobileNetCut(model, warm), input, ctx.betweenFrames);
    } catch (error) {
      base.dispose();
      throw error;
    } finally {
      input.dispose();
    }
    return model;
  },
  dispose(model) {
    // The cuts share the base's weights: disposing the base frees them all.
    model.base.dispose();
  },
  };
}

/**
 * How the cut's feature map becomes an embedding: `'average'` over the whole map (C numbers), or
 * `'grid'`, the averages of its four quarters (overlapping by the middle row and column when the
 * side is odd), each scaled to unit length, side by side (4·C numbers). The grid keeps where in
 * the picture things are (left from right, raised arms from lowered ones) and no quarter's
 * strength outweighs another's.
 */
export type ImagePooling = 'average' | 'grid';

/** Pool a batch of feature maps [n, h, w, c] → [n, c] (`'average'`) or [n, 4c] (`'grid'`). */
export function poolFeatures(features: tf.Tensor4D, pooling: ImagePooling): tf.Tensor2D {
  return tf.tidy(() => {
    if (pooling === 'average') return tf.mean(features, [1, 2]) as tf.Tensor2D;
    const [n, h, w, c] = features.shape;
    const rows = [[0, Math.ceil(h / 2)], [Math.floor(h / 2), h]];
    const cols = [[0, Math.ceil(w / 2)], [Math.floor(w / 2), w]];
    const parts = rows.flatMap(([r0, r1]) =>
      cols.map(([c0, c1]) => {
        const part = tf.mean(tf.slice(features, [0, r0, c0, 0], [n, r1 - r0, c1 - c0, c]), [1, 2]) as tf.Tensor2D;
        return tf.div(part, tf.maximum(tf.norm(part, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D;
      }),
    );
    return tf.concat(parts, 1) as tf.Tensor2D;
  });
}

/** How a frame is prepared for the network: as it is, or downscaled without aliasing with its levels evened out (`antialias`, `toNetworkInput`). */
export type ImageInput = 'raw' | 'normalised';

/**
 * Average blocks of f×f pixels first when the frame is at least twice the network's side (f =
 * how many times): a bilinear resize alone samples a few pixels and passes a sensor's noise (and
 * aliasing) through at full strength; averaging 2×2 halves the noise.
 */
function antialias(image: tf.Tensor3D): tf.Tensor3D {
  const factor = Math.floor(Math.min(image.shape[0], image.shape[1]) / MOBILENET_V2_INPUT);
  if (factor < 2) return image;
  return tf.avgPool(tf.cast(image, 'float32'), factor, factor, 'valid');
}

/** The mean and spread of a typical photo's levels (0..1) that `'normalised'` maps every frame to. */
const TYPICAL = { mean: 0.45, std: 0.25 };

/**
 * Resized int32 pixels → the network's 0..1 input. `'normalised'` first maps the frame's own mean
 * and spread of levels (over all pixels and channels together, so colours keep their relations)
 * to a typical photo's: a darker or brighter room, or a flatter camera (brightness and contrast,
 * a gain and an offset on every level), gives the network the same input.
 */
export function toNetworkInput(resized: tf.Tensor3D, input: ImageInput): tf.Tensor3D {
  const x = tf.div(tf.cast(resized, 'float32'), 255) as tf.Tensor3D;
  if (input === 'raw') return x;
  const { mean, variance } = tf.moments(x);
  // The floor keeps a blank frame (no spread) from being blown up into noise.
  const std = tf.maximum(tf.sqrt(variance), 0.02);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), std), TYPICAL.std), TYPICAL.mean) as tf.Tensor3D;
}

/**
 * One frame → a pooled embedding (not yet normalised). `pixels` is the int32 [h, w, 3] frame; the
 * whole frame is resized (not cropped) to 224×224 so nothing at the edges is lost.
 */
export async function embedImage(model: MobileNetV2Features, cut: MobileNetCut, pixels: tf.Tensor3D, mirrored: boolean, input: ImageInput = 'raw', pooling: ImagePooling = 'average'): Promise<Float32Array> {
  const pooled = tf.tidy(() => {
    let image: tf.Tensor3D = pixels;
    if (mirrored) image = tf.reverse(image, 1);
    if (input === 'normalised') image = antialias(image);
    const resized = tf.image.resizeBilinear(image, [MOBILENET_V2_INPUT, MOBILENET_V2_INPUT], true);
    const batch = tf.expandDims(toNetworkInput(resized, input), 0);
    const features = mobileNetCut(model, cut).predict(batch) as tf.Tensor4D;
    return poolFeatures(features, pooling);
  });
  try {
    return new Float32Array(await pooled.data());
  } finally {
    pooled.dispose();
  }
}

/**
 * The embeddings of altered copies of one frame (`views`: window, flip, light, noise), in one
 * batch through the network; not yet normalised. The alterations are made on the 224×224 input.
 */
export async function embedImageViews(
  model: MobileNetV2Features,
  cut: MobileNetCut,
  pixels: tf.Tensor3D,
  mirrored: boolean,
  input: ImageInput,
  views: readonly AugmentView[],
  pooling: ImagePooling = 'average',
): Promise<Float32Array[]> {
  if (views.length === 0) return [];
  const pooled = tf.tidy(() => {
    let image: tf.Tensor3D = pixels;
    if (mirrored) image = tf.reverse(image, 1);
    if (input === 'normalised') image = antialias(image);
    const size: [number, number] = [MOBILENET_V2_INPUT, MOBILENET_V2_INPUT];
    const batch = tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D;
    const boxes = tf.tensor2d(views.flatMap((v) => v.box), [views.length, 4]);
    let crops = tf.image.cropAndResize(batch, boxes, tf.zeros([views.length], 'int32'), size);
    const flips = views.map((v) => v.flip);
    if (flips.some(Boolean)) {
      const flipped = tf.reverse(crops, 2);
      const mask = tf.tensor4d(flips.map((f) => (f ? 1 : 0)), [views.length, 1, 1, 1]);
      crops = tf.add(tf.mul(flipped, mask), tf.mul(crops, tf.sub(1, mask)));
    }
    const gain = tf.tensor4d(views.map((v) => v.gain), [views.length, 1, 1, 1]);
    const contrast = tf.tensor4d(views.map((v) => v.contrast), [views.length, 1, 1, 1]);
    const sigma = tf.tensor4d(views.map((v) => v.noise), [views.length, 1, 1, 1]);
    const lit = tf.add(tf.mul(tf.sub(tf.mul(crops, gain), 128), contrast), 128);
    const noisy = tf.mul(tf.randomNormal(crops.shape, 0, 1, 'float32', views[0].seed), sigma);
    const altered = tf.clipByValue(tf.add(lit, noisy), 0, 255);
    const inputs = tf.stack(tf.unstack(altered).map((one) => toNetworkInput(one as tf.Tensor3D, input)));
    const features = mobileNetCut(model, cut).predict(inputs) as tf.Tensor4D;
    return poolFeatures(features, pooling);
  });
  try {
    const flat = new Float32Array(await pooled.data());
    const dimension = pooled.shape[1];
    return views.map((_, i) => flat.slice(i * dimension, (i + 1) * dimension));
  } finally {
    pooled.dispose();
  }
}
