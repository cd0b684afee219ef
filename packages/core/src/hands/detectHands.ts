/**
 * The detector pass: where the hands are in a whole frame, as boxes in source pixels. Run only when
 * a hand is lost or fewer than `maxHands` are tracked (see `HandTracker`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { DETECTOR_OUTPUTS } from './handsModels';

/** A detected hand: its box in source pixels and the detector's score. */
export interface HandDetection {
  box: { x: number; y: number; width: number; height: number };
  score: number;
}

/** The detector's class that is a face, not a hand: dropped before the best class is taken. */
const FACE_CLASS = 4;
/** The detector reads the frame at its own size, rounded to a multiple of 8, its height at most this. */
const MAX_DETECTOR_HEIGHT = 512;
/** Boxes overlapping more than this (IoU) are one hand. */
const IOU_THRESHOLD = 0.2;
/** The detector's boxes are tight around the hand: grown by this before the landmark crop. */
export const DETECTION_BOX_SCALE = 1.4;

/** The detector input size for a frame: its aspect ratio kept, both sides multiples of 8. */
export function detectorInputSize(width: number, height: number): [number, number] {
  const h = Math.min(Math.round(height / 8) * 8, MAX_DETECTOR_HEIGHT);
  const w = Math.round((h * (width / height)) / 8) * 8;
  return [h, w];
}

/**
 * Up to `maxHands` hands in `pixels` ([h, w, 3], 0..255), best first, each scored at least
 * `minScore`, boxes grown by `DETECTION_BOX_SCALE` about their centre. Every tensor is disposed.
 */
export async function detectHands(graph: GraphModel, pixels: tf.Tensor3D, maxHands: number, minScore: number): Promise<HandDetection[]> {
  const [height, width] = pixels.shape;
  const input = tf.tidy(() => {
    const batch = tf.expandDims(tf.cast(pixels, 'float32'), 0) as tf.Tensor4D;
    return tf.cast(tf.image.resizeBilinear(batch, detectorInputSize(width, height)), 'int32');
  });
  let outputs: tf.Tensor[];
  try {
    outputs = (await graph.executeAsync(input, DETECTOR_OUTPUTS)) as tf.Tensor[];
  } finally {
    input.dispose();
  }
  const [boxes, best] = tf.tidy(() => {
    const [rawScores, rawBoxes] = outputs;
    const scores = tf.squeeze(rawScores, [0]) as tf.Tensor2D;
    const classes = scores.shape[1];
    const handClasses = tf.concat([tf.slice(scores, [0, 0], [-1, FACE_CLASS]), tf.slice(scores, [0, FACE_CLASS + 1], [-1, classes - FACE_CLASS - 1])], 1);
    return [tf.squeeze(rawBoxes, [0, 2]) as tf.Tensor2D, tf.max(handClasses, 1) as tf.Tensor1D];
  });
  tf.dispose(outputs);
  try {
    // One more than asked, as a second box of one hand can win over a weaker hand.
    const kept = await tf.image.nonMaxSuppressionAsync(boxes, best, maxHands + 1, IOU_THRESHOLD, minScore);
    const [indices, scoreData, boxData] = await Promise.all([kept.data(), best.data(), boxes.data()]);
    kept.dispose();
    const found: HandDetection[] = [];
    for (const i of Array.from(indices)) {
      const [y1, x1, y2, x2] = boxData.subarray(i * 4, i * 4 + 4);
      const w = (x2 - x1) * DETECTION_BOX_SCALE;
      const h = (y2 - y1) * DETECTION_BOX_SCALE;
      found.push({
        box: { x: ((x1 + x2) / 2) * width - (w * width) / 2, y: ((y1 + y2) / 2) * height - (h * height) / 2, width: w * width, height: h * height },
        score: scoreData[i],
      });
    }
    found.sort((a, b) => b.score - a.score);
    return found.slice(0, maxHands);
  } finally {
    tf.dispose([boxes, best]);
  }
}
