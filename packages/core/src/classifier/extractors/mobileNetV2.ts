/**
 * The `'image'` features: the Keras MobileNetV2 (ImageNet-pretrained, 224×224 RGB in 0..1) that
 * the `nsfwjs` npm package ships in tfjs-layers format, copied offline to
 * `<modelBaseUrl>classifier/mobilenet-v2/` by `webcam-ml-models`.
 *
 * Why this one: it is the only ImageNet-class CNN among our pinned npm packages whose weights are
 * bundled (nothing fetched from a CDN), and as a layers model it can be cut at any layer with
 * `tf.model({ inputs, outputs: layer.output })` while sharing the weights. Its convolutional trunk
 * is the stock ImageNet MobileNetV2 (nsfwjs fine-tuned only the dense head we throw away), so the
 * embeddings are general-purpose like Teachable Machine's. (nsfwjs's other model, `mobilenet_v2_mid`,
 * is a larger *graph* model, a 1.4-wide MobileNetV2 that cannot be cut without graph surgery; it is
 * not copied.)
 *
 * Two cuts, each followed by global average pooling:
 * - `'pooled'`: `out_relu`, the last convolution (7×7×1280) → 1280 numbers.
 * - `'mid'`: `block_10_expand_relu`, mid-network (14×14×384) → 384 numbers, about 2/3 of the cost.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, model as functionalModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { LoadContext, ModelSpec } from '../../runtime/contracts';

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
  async load(ctx: LoadContext) {
    const base = await loadLayersModel(tf.io.http(url, { fetchFunc: ctx.fetch as typeof fetch }));
    const model: MobileNetV2Features = { base, cuts: {} };
    // Warm-up: compiles the kernels (shaders on WebGL) once, before the first real frame.
    tf.tidy(() => {
      const input = tf.zeros([1, MOBILENET_V2_INPUT, MOBILENET_V2_INPUT, 3]);
      (mobileNetCut(model, warm).predict(input) as tf.Tensor).dataSync();
    });
    return model;
  },
  dispose(model) {
    // The cuts share the base's weights: disposing the base frees them all.
    model.base.dispose();
  },
  };
}

/**
 * One frame → a pooled embedding (not yet normalised). `pixels` is the int32 [h, w, 3] frame; the
 * whole frame is resized (not cropped) to 224×224 so nothing at the edges is lost.
 */
export async function embedImage(model: MobileNetV2Features, cut: MobileNetCut, pixels: tf.Tensor3D, mirrored: boolean): Promise<Float32Array> {
  const pooled = tf.tidy(() => {
    let image: tf.Tensor3D = pixels;
    if (mirrored) image = tf.reverse(image, 1);
    const resized = tf.image.resizeBilinear(image, [MOBILENET_V2_INPUT, MOBILENET_V2_INPUT], true);
    const input = tf.expandDims(tf.div(tf.cast(resized, 'float32'), 255), 0);
    const features = mobileNetCut(model, cut).predict(input) as tf.Tensor4D;
    return tf.mean(features, [0, 1, 2]);
  });
  try {
    return new Float32Array(await pooled.data());
  } finally {
    pooled.dispose();
  }
}
