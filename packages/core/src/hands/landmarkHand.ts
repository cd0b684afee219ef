/**
 * The landmark pass: one rotated crop of the frame around a hand, the 21 landmarks back in source
 * pixels (with z), the world landmarks in metres, how sure the model is that a hand is there, and
 * which hand it is.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { roiToSource, roiTransform, type HandRoi } from './handRoi';
import { LANDMARK_INPUT_SIZE, LANDMARK_OUTPUTS } from './handsModels';

/** A landmark in source pixels; z in the same pixel scale, relative to the wrist. */
export interface RawLandmark {
  x: number;
  y: number;
  z: number;
}

/** What one landmark pass gives. */
export interface LandmarkPass {
  /** 21 landmarks in source pixels. */
  keypoints: RawLandmark[];
  /** 21 world landmarks in metres (origin near the hand's centre), x right, y down, z away from the camera. */
  world: RawLandmark[];
  /** Hand presence, 0..1. */
  presence: number;
  /**
   * How likely it is the person's right hand, 0..1, in the frame as given (unmirrored). MediaPipe
   * names its classes as if every picture were a mirrored selfie ("Left" for a right hand seen
   * unmirrored): the peers' most reported hand bug comes from reading that label as is. Checked on
   * `hands.jpg` (two left hands) and its mirrored copy in tests/browser/hands-accuracy.test.ts.
   */
  rightHand: number;
  /** The ROI the pass read. */
  roi: HandRoi;
}

/**
 * The crop the landmark model reads for `roi`: [1, 224, 224, 3] in 0..1, zero outside the frame.
 * The caller disposes it.
 */
export function landmarkInput(pixels: tf.Tensor3D, roi: HandRoi): tf.Tensor4D {
  return tf.tidy(() => {
    const batch = tf.expandDims(tf.cast(pixels, 'float32'), 0) as tf.Tensor4D;
    if (roi.rotation === 0) {
      // An upright box (the detector's): the crop Human and MediaPipe's TF.js ports take, so that
      // the first pass on a detection gives the reference's keypoints (tests/browser/hands-parity).
      const [h, w] = pixels.shape;
      const box = [(roi.cy - roi.height / 2) / h, (roi.cx - roi.width / 2) / w, (roi.cy + roi.height / 2) / h, (roi.cx + roi.width / 2) / w];
      const crop = tf.image.cropAndResize(batch, [box], [0], [LANDMARK_INPUT_SIZE, LANDMARK_INPUT_SIZE], 'bilinear');
      return tf.div(crop, 255) as tf.Tensor4D;
    }
    const transform = tf.tensor2d([roiTransform(roi, LANDMARK_INPUT_SIZE)], [1, 8]);
    const crop = tf.image.transform(batch, transform, 'bilinear', 'constant', 0, [LANDMARK_INPUT_SIZE, LANDMARK_INPUT_SIZE]);
    return tf.div(crop, 255) as tf.Tensor4D;
  });
}

/** Runs the landmark model on `roi` of `pixels` ([h, w, 3], 0..255). Every tensor is disposed. */
export async function landmarkHand(graph: GraphModel, pixels: tf.Tensor3D, roi: HandRoi): Promise<LandmarkPass> {
  const input = landmarkInput(pixels, roi);
  let outputs: tf.Tensor[];
  try {
    outputs = graph.execute(input, LANDMARK_OUTPUTS) as tf.Tensor[];
  } finally {
    input.dispose();
  }
  let data: Float32Array[];
  try {
    data = (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose(outputs);
  }
  const [screen, presence, handedness, world] = data;
  const cos = Math.cos(roi.rotation);
  const sin = Math.sin(roi.rotation);
  const keypoints: RawLandmark[] = [];
  const worldPoints: RawLandmark[] = [];
  for (let i = 0; i < 21; i++) {
    const s = screen[i * 3] / LANDMARK_INPUT_SIZE - 0.5;
    const t = screen[i * 3 + 1] / LANDMARK_INPUT_SIZE - 0.5;
    const p = roiToSource(roi, s, t);
    keypoints.push({ x: p.x, y: p.y, z: (screen[i * 3 + 2] / LANDMARK_INPUT_SIZE) * roi.width });
    // World landmarks come in the crop's axes: turned back by the ROI's rotation (MediaPipe's
    // WorldLandmarkProjectionCalculator).
    const wx = world[i * 3];
    const wy = world[i * 3 + 1];
    worldPoints.push({ x: wx * cos - wy * sin, y: wx * sin + wy * cos, z: world[i * 3 + 2] });
  }
    // Both scores come out of the graph as probabilities already (0.01 on a blank crop, 0.99+ on a hand).
  return { keypoints, world: worldPoints, presence: presence[0], rightHand: handedness[0], roi };
}
