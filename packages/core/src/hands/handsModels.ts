/**
 * The hand models webcam-ml serves (`webcam-ml-models copy --only hands`, folder `hands/`) and how
 * they are loaded from the self-hosted weights through the model cache.
 *
 * - detector `handtrack`: an SSD hand detector (victordibia/handtrack.js, as shipped by
 *   `@vladmandic/human`): uint8 RGB of any size (a multiple of 8 here), outputs per candidate box
 *   [y1, x1, y2, x2] normalised and 7 class scores (hand, fist, pinch, point, face, tip, pinchtip).
 * - detector `handdetect` (`'palm'`): MediaPipe's palm detector, see detectPalms.ts.
 * - landmarks `handlandmark-lite|full`: MediaPipe Hands' landmark model: a 224×224 RGB crop in
 *   0..1; outputs 21 × (x, y, z) in crop pixels, a hand-presence logit, a handedness logit and
 *   21 × (x, y, z) world landmarks in metres.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { LoadContext, ModelSpec } from '../runtime/contracts';
import { loadModelArtifacts } from '../runtime/modelArtifacts';

/** Every landmark model name `HandsEngine` accepts. */
export const HAND_MODELS = ['lite', 'full'] as const;

/**
 * A hand landmark model: `'lite'` (MediaPipe Hands lite, about 2 MB, faster) or `'full'`
 * (MediaPipe Hands full, about 5.4 MB, steadier on fast or turned hands).
 */
export type HandModelName = (typeof HAND_MODELS)[number];

/** Every hand detector `HandsEngine` accepts. */
export const HAND_DETECTORS = ['handtrack', 'palm'] as const;

/**
 * The detector that finds new hands: `'handtrack'` (an SSD hand detector, Human's default, 2.9 MB)
 * or `'palm'` (MediaPipe's palm detector, 3.4 MB, whose palm keypoints give the first ROI its
 * rotation).
 */
export type HandDetectorName = (typeof HAND_DETECTORS)[number];

const DETECTOR_FILES: Record<HandDetectorName, string> = {
  handtrack: 'hands/handtrack.json',
  palm: 'hands/handdetect.json',
};
const LANDMARK_FILES: Record<HandModelName, string> = {
  lite: 'hands/handlandmark-lite.json',
  full: 'hands/handlandmark-full.json',
};

/** The landmark model's input side in pixels. */
export const LANDMARK_INPUT_SIZE = 224;

/** A loaded graph model, shared by every engine that names the same file. */
export interface LoadedHandGraph {
  graph: GraphModel;
}

function graphSpec(key: string, file: string, resolveUrl: (path: string) => string, warmUp: (graph: GraphModel) => Promise<void>): ModelSpec<LoadedHandGraph> {
  return {
    key: `${key}:${resolveUrl(file)}`,
    startsBeforeBackend: true,
    load: async (ctx: LoadContext) => {
      const artifacts = await loadModelArtifacts(ctx, file);
      await ctx.backendReady();
      const graph = await loadGraphModel(artifacts);
      try {
        await warmUp(graph);
      } catch (error) {
        graph.dispose();
        throw error;
      }
      return { graph };
    },
    dispose: (model) => model.graph.dispose(),
  };
}

/** The detector graph's output nodes: class scores [1, N, 7] and boxes [1, N, 1, 4]. */
export const DETECTOR_OUTPUTS = ['StatefulPartitionedCall/Postprocessor/Slice', 'StatefulPartitionedCall/Postprocessor/ExpandDims_1'];

/** The landmark graph's outputs, in the order `runLandmarks` reads them. */
export const LANDMARK_OUTPUTS = ['Identity', 'Identity_1', 'Identity_2', 'Identity_3'];

/**
 * The model-cache entry of the hand detector. Warm-up runs it once on a blank frame so that the
 * first real frame does not pay for shader compilation.
 */
export function handDetectorSpec(name: HandDetectorName, resolveUrl: (path: string) => string): ModelSpec<LoadedHandGraph> {
  return graphSpec(`hands:detector:${name}`, DETECTOR_FILES[name], resolveUrl, async (graph) => {
    const blank = tf.zeros([1, 256, 256, 3], name === 'palm' ? 'float32' : 'int32');
    try {
      const out = name === 'palm' ? (graph.execute(blank) as tf.Tensor) : ((await graph.executeAsync(blank, DETECTOR_OUTPUTS)) as tf.Tensor[]);
      await (Array.isArray(out) ? out[0] : out).data();
      tf.dispose(out);
    } finally {
      blank.dispose();
    }
  });
}

/** The model-cache entry of a landmark model (warmed up like the detector). */
export function handLandmarkSpec(name: HandModelName, resolveUrl: (path: string) => string): ModelSpec<LoadedHandGraph> {
  return graphSpec(`hands:landmarks:${name}`, LANDMARK_FILES[name], resolveUrl, async (graph) => {
    const blank = tf.zeros([1, LANDMARK_INPUT_SIZE, LANDMARK_INPUT_SIZE, 3]);
    try {
      const out = graph.execute(blank, LANDMARK_OUTPUTS) as tf.Tensor[];
      await Promise.all(out.map((t) => t.data()));
      tf.dispose(out);
    } finally {
      blank.dispose();
    }
  });
}
