/**
 * The palm detector pass (MediaPipe's palm detection, the 2020 256×256 model shipped as
 * `handdetect`): where the palms are, each as the rotated ROI a landmark pass reads
 * (MediaPipe's palm_detection_detection_to_roi). An alternative to `detectHands` (`detector: 'palm'`).
 *
 * Input contract: the whole frame stretched to 256×256, RGB in -1..1. Output [1, 2944, 19] per
 * anchor: a score logit, the box (centre offset x, y and size w, h, in input pixels) and 7 palm
 * keypoints (x, y offsets, input pixels), keypoint 0 the wrist and 2 the middle finger's knuckle.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { normalizeRadians, roiToSource, type HandRoi } from './handRoi';
import type { HandDetection } from './detectHands';

export const PALM_INPUT_SIZE = 256;

/** The SSD anchor centres (fixed size): per stride, the grid and the anchors per cell. */
function palmAnchors(): Float32Array {
  const out: number[] = [];
  for (const [stride, perCell] of [[8, 2], [16, 2], [32, 6]]) {
    const cells = PALM_INPUT_SIZE / stride;
    for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) for (let k = 0; k < perCell; k++) out.push((x + 0.5) / cells, (y + 0.5) / cells);
  }
  return Float32Array.from(out);
}
const ANCHORS = palmAnchors();

const IOU_THRESHOLD = 0.3;
/** How the palm box grows into the hand's ROI (MediaPipe: shift 0.5 towards the fingers, 2.6×, square). */
const PALM_ROI_SCALE = 2.6;
const PALM_ROI_SHIFT_Y = -0.5;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Up to `maxHands` palms scored at least `minScore`, best first, each with its hand ROI. */
export async function detectPalms(graph: GraphModel, pixels: tf.Tensor3D, maxHands: number, minScore: number): Promise<(HandDetection & { roi: HandRoi })[]> {
  const [height, width] = pixels.shape;
  const input = tf.tidy(() => {
    const batch = tf.expandDims(tf.cast(pixels, 'float32'), 0) as tf.Tensor4D;
    return tf.sub(tf.div(tf.image.resizeBilinear(batch, [PALM_INPUT_SIZE, PALM_INPUT_SIZE]), 127.5), 1);
  });
  let raw: tf.Tensor;
  try {
    raw = graph.execute(input) as tf.Tensor;
  } finally {
    input.dispose();
  }
  const data = (await raw.data()) as Float32Array;
  raw.dispose();
  const n = ANCHORS.length / 2;
  const scores = new Float32Array(n);
  const boxes = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const row = i * 19;
    scores[i] = sigmoid(data[row]);
    const cx = data[row + 1] / PALM_INPUT_SIZE + ANCHORS[i * 2];
    const cy = data[row + 2] / PALM_INPUT_SIZE + ANCHORS[i * 2 + 1];
    const w = data[row + 3] / PALM_INPUT_SIZE;
    const h = data[row + 4] / PALM_INPUT_SIZE;
    boxes.set([cy - h / 2, cx - w / 2, cy + h / 2, cx + w / 2], i * 4);
  }
  const [kept] = await Promise.all([
    tf.tidy(() => tf.image.nonMaxSuppression(tf.tensor2d(boxes, [n, 4]), tf.tensor1d(scores), maxHands, IOU_THRESHOLD, minScore)).data(),
  ]);
  const found: (HandDetection & { roi: HandRoi })[] = [];
  for (const i of Array.from(kept)) {
    const row = i * 19;
    const point = (k: number) => ({
      x: (data[row + 5 + k * 2] / PALM_INPUT_SIZE + ANCHORS[i * 2]) * width,
      y: (data[row + 6 + k * 2] / PALM_INPUT_SIZE + ANCHORS[i * 2 + 1]) * height,
    });
    const wrist = point(0);
    const knuckle = point(2);
    const rotation = normalizeRadians(Math.PI / 2 - Math.atan2(-(knuckle.y - wrist.y), knuckle.x - wrist.x));
    const [y1, x1, y2, x2] = boxes.subarray(i * 4, i * 4 + 4);
    const palm: HandRoi = { cx: ((x1 + x2) / 2) * width, cy: ((y1 + y2) / 2) * height, width: (x2 - x1) * width, height: (y2 - y1) * height, rotation };
    const centre = roiToSource(palm, 0, PALM_ROI_SHIFT_Y);
    const side = Math.max(palm.width, palm.height) * PALM_ROI_SCALE;
    const roi: HandRoi = { cx: centre.x, cy: centre.y, width: side, height: side, rotation };
    // The detection's box: the ROI's axis-aligned extent (for matching against tracked hands).
    const extent = (side * (Math.abs(Math.cos(rotation)) + Math.abs(Math.sin(rotation)))) / 2;
    found.push({ box: { x: roi.cx - extent, y: roi.cy - extent, width: 2 * extent, height: 2 * extent }, score: scores[i], roi });
  }
  return found;
}
