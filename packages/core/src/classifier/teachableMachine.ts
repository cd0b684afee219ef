/**
 * A Teachable Machine image- or pose-model export (`model.json` + its weights + `metadata.json`)
 * used as a ready-made classifier: the labels come from `metadata.json`, predictions from the model.
 * A pose export (its metadata says `@teachablemachine/pose`) reads PoseNet's outputs, not pixels:
 * teachableMachinePose.ts.
 *
 * Teachable Machine's image models are tfjs-layers models with a [null, size, size, 3] input in
 * -1..1, fed the centre square of the frame (`@teachablemachine/image`'s `cropTo`), and a softmax
 * over `metadata.labels`. Verified against the library itself (tests/browser/teachable-machine-parity.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import type { LoadContext, ModelSpec } from '../runtime/contracts';
import { loadModelArtifacts } from '../runtime/modelArtifacts';
import { ClassifierError } from './ClassifierError';
import { DEFAULT_POSENET_URL, loadPoseNetFor, poseNetOutputs, poseNetSettingsOf, type PoseNetSettings, type TeachableMachinePose } from './teachableMachinePose';
import type { TeachableMachineOptions } from './types';

/** A loaded export. */
export interface TeachableMachineModel {
  model: LayersModel;
  labels: string[];
  imageSize: number;
  /** A pose export's PoseNet and settings (absent for an image export). */
  pose?: TeachableMachinePose;
}

/** Where metadata.json is when not given: next to model.json. */
export function metadataUrlOf(options: TeachableMachineOptions): string {
  return options.metadataUrl ?? options.modelUrl.replace(/[^/]*$/, 'metadata.json');
}

function fail(message: string, cause?: unknown): ClassifierError {
  return new ClassifierError('teachable-machine', `Teachable Machine export: ${message}`, cause === undefined ? undefined : { cause });
}

/** Read and check `metadata.json`. */
export function parseTeachableMachineMetadata(json: unknown): { labels: string[]; imageSize: number; posenet: PoseNetSettings | null } {
  if (typeof json !== 'object' || json === null) throw fail('metadata.json is not a JSON object.');
  const { labels, imageSize } = json as { labels?: unknown; imageSize?: unknown };
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string' && l !== '')) {
    throw fail('metadata.json must have "labels", a non-empty array of class names.');
  }
  if (new Set(labels).size !== labels.length) throw fail('metadata.json has the same label twice.');
  const size = imageSize === undefined ? 224 : imageSize;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 8) throw fail(`metadata.json "imageSize" must be an integer (is ${JSON.stringify(imageSize)}).`);
  return { labels: labels as string[], imageSize: size, posenet: poseNetSettingsOf(json) };
}

/** The model-cache spec of one export (one load per page per URL pair). */
export function teachableMachineSpec(options: TeachableMachineOptions, resolveUrl: (path: string) => string): ModelSpec<TeachableMachineModel> {
  const metadataUrl = metadataUrlOf(options);
  const posenetUrl = options.posenetUrl ?? DEFAULT_POSENET_URL;
  return {
    key: `webcam-ml/teachable-machine/${resolveUrl(options.modelUrl)}|${resolveUrl(metadataUrl)}|${resolveUrl(posenetUrl)}`,
    async load(ctx: LoadContext) {
      let meta: ReturnType<typeof parseTeachableMachineMetadata>;
      try {
        const response = await ctx.fetch(ctx.resolveUrl(metadataUrl));
        meta = parseTeachableMachineMetadata(JSON.parse(await response.text()));
      } catch (error) {
        throw error instanceof ClassifierError ? error : fail(`could not read ${metadataUrl}: ${error instanceof Error ? error.message : String(error)}`, error);
      }
      const model = await loadLayersModel(await loadModelArtifacts(ctx, options.modelUrl));
      if (meta.posenet) {
        try {
          const classes = model.outputs[0].shape;
          if (classes[classes.length - 1] !== meta.labels.length) throw fail(`the pose model gives ${JSON.stringify(classes)}; metadata.json has ${meta.labels.length} classes.`);
          const pose = await loadPoseNetFor(ctx, posenetUrl, model, meta.posenet);
          return { model, labels: meta.labels, imageSize: meta.posenet.inputResolution[0], pose };
        } catch (error) {
          model.dispose();
          throw error;
        }
      }
      const input = model.inputs[0].shape;
      const output = model.outputs[0].shape;
      if (input.length !== 4 || input[3] !== 3 || output[output.length - 1] !== meta.labels.length) {
        model.dispose();
        throw fail(`the model takes ${JSON.stringify(input)} and gives ${JSON.stringify(output)}; expected [null, ${meta.imageSize}, ${meta.imageSize}, 3] and ${meta.labels.length} classes (metadata.json's labels).`);
      }
      const size = input[1] ?? meta.imageSize;
      tf.tidy(() => (model.predict(tf.zeros([1, size, size, 3])) as tf.Tensor).dataSync());
      return { model, labels: meta.labels, imageSize: size };
    },
    dispose(loaded) {
      loaded.model.dispose();
      loaded.pose?.posenet.graph.dispose();
    },
  };
}

/** One frame's class probabilities, in label order. */
export async function predictTeachableMachine(tm: TeachableMachineModel, pixels: tf.Tensor3D, mirrored: boolean): Promise<Float32Array> {
  const { pose } = tm;
  const probabilities = tf.tidy(() => {
    if (pose) return tf.squeeze(tm.model.predict(poseNetOutputs(pose, pixels, mirrored)) as tf.Tensor);
    const [h, w] = pixels.shape;
    const side = Math.min(h, w);
    let square = tf.slice(pixels, [Math.floor((h - side) / 2), Math.floor((w - side) / 2), 0], [side, side, 3]);
    if (mirrored) square = tf.reverse(square, 1);
    // As @teachablemachine/image prepares a frame: its `cropTo` draws the centre square on a
    // canvas of the model's size, which Chromium resamples like a half-pixel-centred bilinear
    // resize (within 0.5 levels on average, against 1.7 with aligned corners), and its `capture`
    // maps levels with x / 127 - 1 (not 127.5).
    const resized = tf.image.resizeBilinear(square, [tm.imageSize, tm.imageSize], false, true);
    const input = tf.expandDims(tf.sub(tf.div(tf.cast(resized, 'float32'), 127), 1), 0);
    return tf.squeeze(tm.model.predict(input) as tf.Tensor);
  });
  try {
    return new Float32Array(await probabilities.data());
  } finally {
    probabilities.dispose();
  }
}
