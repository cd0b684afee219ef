/**
 * A Teachable Machine **pose** export: a small dense head (tfjs-layers, input [null, N], softmax
 * over `metadata.labels`) that reads PoseNet's raw outputs, not an image.
 *
 * What `@teachablemachine/pose` 0.8.6 computes per frame (`CustomPoseNet.estimatePose` →
 * `estimatePoseOutputs` → `poseOutputsToAray`, then `predict`), done here on our runtime:
 * 1. pad the frame with black to the input's aspect (posenet 2.x `padAndResizeTo`: half the
 *    missing rows or columns on each side, rounded), resize bilinearly to `inputResolution`
 *    (TF.js's default resize: no aligned corners, no half-pixel centres);
 * 2. PoseNet MobileNetV1 (multiplier 0.75, output stride 16, the only network Teachable Machine
 *    pose uses) on x / 127.5 − 1;
 * 3. the heatmap through a sigmoid, concatenated with the offsets along channels
 *    ([h, w, 17 + 34], row-major), flattened: 17 × 17 × 51 = 14 739 numbers at 257 px;
 * 4. the head.
 * `flipHorizontal` there only mirrors the decoded keypoints, never these numbers; a mirrored
 * webcam is mirrored in the pixels Teachable Machine is given (its `Webcam(…, flip)` canvas), so
 * `mirrored` flips the frame first, as for image exports.
 *
 * The PoseNet weights are Human's conversion of Google's checkpoint (`webcam-ml-models copy --only
 * classifier:posenet`, see packages/models/NOTICE.md). Verified against the library itself:
 * tests/browser/teachable-machine-pose-parity.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { LoadContext } from '../runtime/contracts';
import { loadModelArtifacts } from '../runtime/modelArtifacts';
import { ModelLoadError } from '../runtime/ModelLoadError';
import { ClassifierError } from './ClassifierError';

/** Where the PoseNet model is when `posenetUrl` is not given (under `modelBaseUrl`). */
export const DEFAULT_POSENET_URL = 'classifier/posenet/model.json';

/** An export's `metadata.modelSettings.posenet`, filled in as `@teachablemachine/pose` fills it. */
export interface PoseNetSettings {
  /** Input [height, width] in pixels, each a valid size for the output stride (k × 16 + 1). */
  inputResolution: readonly [number, number];
  outputStride: 16;
}

/** PoseNet loaded for pose exports: the graph and the names of the two outputs a head reads. */
export interface PoseNetBase {
  graph: GraphModel;
  heatmap: string;
  offsets: string;
}

/** A pose export's part of a loaded `TeachableMachineModel`. */
export interface TeachableMachinePose {
  posenet: PoseNetBase;
  settings: PoseNetSettings;
}

function fail(message: string, cause?: unknown): ClassifierError {
  return new ClassifierError('teachable-machine', `Teachable Machine export: ${message}`, cause === undefined ? undefined : { cause });
}

/** posenet 2.x `toValidInputResolution`: a size the stride divides (k × stride + 1), rounding down. */
function validResolution(size: number, stride: number): number {
  return (size - 1) % stride === 0 ? size : Math.floor(size / stride) * stride + 1;
}

/**
 * The PoseNet settings of a pose export's metadata.json, `null` for an image export. A pose export
 * says so with `packageName: '@teachablemachine/pose'` or a `modelSettings.posenet` object; what it
 * leaves out gets Teachable Machine's defaults (MobileNetV1, stride 16, 257 px, multiplier 0.75).
 * Anything but MobileNetV1 0.75 at stride 16 is refused: that is the network shipped.
 */
export function poseNetSettingsOf(json: object): PoseNetSettings | null {
  const { packageName, modelSettings } = json as { packageName?: unknown; modelSettings?: { posenet?: unknown } };
  const posenet = typeof modelSettings === 'object' && modelSettings !== null ? modelSettings.posenet : undefined;
  if (packageName !== '@teachablemachine/pose' && (typeof posenet !== 'object' || posenet === null)) return null;
  const given = (typeof posenet === 'object' && posenet !== null ? posenet : {}) as Record<string, unknown>;
  // `||` as Teachable Machine's fillConfig: a 0 or '' is left out too.
  const architecture = given.architecture || 'MobileNetV1';
  const outputStride = given.outputStride || 16;
  const multiplier = given.multiplier || 0.75;
  const resolution = given.inputResolution || 257;
  if (architecture !== 'MobileNetV1' || outputStride !== 16 || multiplier !== 0.75) {
    throw fail(`this pose export uses PoseNet ${JSON.stringify({ architecture, outputStride, multiplier })}; only MobileNetV1, outputStride 16, multiplier 0.75 (Teachable Machine's own setting) is supported.`);
  }
  const size = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 17 && v <= 1025 ? validResolution(v, 16) : null);
  const [height, width] = typeof resolution === 'object' ? [size((resolution as { height?: unknown }).height), size((resolution as { width?: unknown }).width)] : [size(resolution), size(resolution)];
  if (height === null || width === null) throw fail(`metadata.json "modelSettings.posenet.inputResolution" must be an integer from 17 to 1025 or { width, height } (is ${JSON.stringify(resolution)}).`);
  return { inputResolution: [height, width], outputStride: 16 };
}

/** The number of values PoseNet gives the head at these settings: (h/16 + 1) × (w/16 + 1) × 51. */
export function poseInputLength(settings: PoseNetSettings): number {
  const [h, w] = settings.inputResolution.map((s) => (s - 1) / settings.outputStride + 1);
  return h * w * (17 + 34);
}

/** Load PoseNet from `url` (a graph model with heatmap and offset outputs) and the head's checks. */
export async function loadPoseNetFor(ctx: LoadContext, url: string, head: LayersModel, settings: PoseNetSettings): Promise<TeachableMachinePose> {
  const input = head.inputs[0].shape;
  const expected = poseInputLength(settings);
  if (input.length !== 2 || input[1] !== expected) {
    throw fail(`the pose model takes ${JSON.stringify(input)}; PoseNet at ${settings.inputResolution.join('×')} gives [null, ${expected}] (metadata.json's modelSettings.posenet).`);
  }
  let graph: GraphModel;
  try {
    graph = await loadGraphModel(await loadModelArtifacts(ctx, url));
  } catch (error) {
    // PoseNet is no group's default: a plain `webcam-ml-models copy` leaves it out (a missing file
    // is a 404, or an HTML page from a server that answers every path).
    if (error instanceof ModelLoadError && (error.reason === 'not-found' || error.reason === 'html')) throw fail(`PoseNet is not at ${error.url}: copy it with \`npx webcam-ml-models copy <served dir> --only classifier:posenet\` (or set posenetUrl).`, error);
    throw error;
  }
  const names = graph.outputs.map((o) => o.name.replace(/:\d+$/, ''));
  const find = (part: string) => names.find((n) => n.split('/').some((segment) => segment.startsWith(part)));
  const heatmap = find('heatmap');
  const offsets = find('offset');
  if (!heatmap || !offsets) {
    graph.dispose();
    throw fail(`${url} is not PoseNet: it has no heatmap and offset outputs (it has ${names.join(', ')}).`);
  }
  const pose = { posenet: { graph, heatmap, offsets }, settings };
  try {
    tf.tidy(() => {
      const blank = tf.zeros([settings.inputResolution[0], settings.inputResolution[1], 3], 'int32') as tf.Tensor3D;
      (head.predict(poseNetOutputs(pose, blank, false)) as tf.Tensor).dataSync();
    });
  } catch (error) {
    graph.dispose();
    throw fail(`PoseNet from ${url} does not run: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return pose;
}

/**
 * What Teachable Machine's pose head reads for one frame (`poseOutputsToAray`), as a [1, N]
 * tensor. Call inside `tf.tidy`.
 */
export function poseNetOutputs({ posenet, settings }: TeachableMachinePose, pixels: tf.Tensor3D, mirrored: boolean): tf.Tensor2D {
  const [targetH, targetW] = settings.inputResolution;
  const [height, width] = pixels.shape;
  const frame = mirrored ? tf.reverse(pixels, 1) : pixels;
  const targetAspect = targetW / targetH;
  let padded: tf.Tensor3D;
  if (width / height < targetAspect) {
    const side = Math.round(0.5 * (targetAspect * height - width));
    padded = tf.pad3d(frame, [[0, 0], [side, side], [0, 0]]);
  } else {
    const side = Math.round(0.5 * ((1 / targetAspect) * width - height));
    padded = tf.pad3d(frame, [[side, side], [0, 0], [0, 0]]);
  }
  const resized = tf.image.resizeBilinear(padded, [targetH, targetW]);
  const input = tf.expandDims(tf.sub(tf.div(tf.cast(resized, 'float32'), 127.5), 1), 0);
  const [heatmap, offsets] = posenet.graph.execute(input, [posenet.heatmap, posenet.offsets]) as tf.Tensor4D[];
  const joined = tf.concat([tf.sigmoid(tf.squeeze(heatmap, [0])), tf.squeeze(offsets, [0])], 2);
  return tf.reshape(joined, [1, -1]);
}
