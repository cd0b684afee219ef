/**
 * The region of interest a landmark pass reads: a rectangle in source pixels, rotated so that its
 * "up" points from the wrist towards the fingers (MediaPipe's NormalizedRect, in pixels).
 *
 * Conventions: `rotation` is in radians, clockwise on screen (y grows downwards), 0 when the hand
 * points up. A point (s, t) of the ROI, each in -0.5..0.5 of its width and height (t < 0 is
 * towards the fingers), is at
 *   x = cx + s·w·cos r − t·h·sin r,   y = cy + s·w·sin r + t·h·cos r.
 */
export interface HandRoi {
  cx: number;
  cy: number;
  width: number;
  height: number;
  rotation: number;
}

/** A point in source pixels. */
export interface Point2 {
  x: number;
  y: number;
}

/** `angle` in -π..π. */
export function normalizeRadians(angle: number): number {
  return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
}

/** The source point of ROI coordinates (s, t), each -0.5..0.5. */
export function roiToSource(roi: HandRoi, s: number, t: number): Point2 {
  const cos = Math.cos(roi.rotation);
  const sin = Math.sin(roi.rotation);
  return {
    x: roi.cx + s * roi.width * cos - t * roi.height * sin,
    y: roi.cy + s * roi.width * sin + t * roi.height * cos,
  };
}

/**
 * The 8 numbers of `tf.image.transform` that sample `roi` into a `size`×`size` crop: output pixel
 * (u, v) reads the source at the pixel index of ROI point ((u + ½)/size − ½, (v + ½)/size − ½)
 * (pixel centres are at integer + ½ in continuous coordinates, at the integer index in the kernel).
 */
export function roiTransform(roi: HandRoi, size: number): [number, number, number, number, number, number, number, number] {
  const cos = Math.cos(roi.rotation);
  const sin = Math.sin(roi.rotation);
  const a0 = (roi.width * cos) / size;
  const a1 = (-roi.height * sin) / size;
  const b0 = (roi.width * sin) / size;
  const b1 = (roi.height * cos) / size;
  const o = 0.5 / size - 0.5;
  const origin = roiToSource(roi, o, o);
  return [a0, a1, origin.x - 0.5, b0, b1, origin.y - 0.5, 0, 0];
}

/** An axis-aligned box (source pixels) as a ROI with no rotation. */
export function roiFromBox(box: { x: number; y: number; width: number; height: number }): HandRoi {
  return { cx: box.x + box.width / 2, cy: box.y + box.height / 2, width: box.width, height: box.height, rotation: 0 };
}

/** The axis-aligned box around `points`. */
export function boundingBox(points: readonly Point2[]): { x: number; y: number; width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

const WRIST = 0;
const INDEX_MCP = 5;
const MIDDLE_MCP = 9;
const RING_MCP = 13;

/**
 * The hand's rotation from its landmarks: the direction from the wrist to the middle of the index,
 * middle and ring knuckles (MediaPipe's HandLandmarksToRectCalculator, on the 21 output landmarks).
 */
export function handRotation(keypoints: readonly Point2[]): number {
  const wrist = keypoints[WRIST];
  const x1 = ((keypoints[INDEX_MCP].x + keypoints[RING_MCP].x) / 2 + keypoints[MIDDLE_MCP].x) / 2;
  const y1 = ((keypoints[INDEX_MCP].y + keypoints[RING_MCP].y) / 2 + keypoints[MIDDLE_MCP].y) / 2;
  return normalizeRadians(Math.PI / 2 - Math.atan2(-(y1 - wrist.y), x1 - wrist.x));
}

/** How the ROI for the next frame is grown from the landmarks (MediaPipe's hand_landmark_landmarks_to_roi). */
export const LANDMARKS_ROI_SCALE = 2.0;
export const LANDMARKS_ROI_SHIFT_Y = -0.1;

/**
 * The landmarks the ROI is measured on: the palm and the first joint of each finger, not the
 * fingertips, which move the most between frames (MediaPipe's hand_landmark_landmarks_to_roi).
 */
export const ROI_LANDMARKS = [0, 1, 2, 3, 5, 6, 9, 10, 13, 14, 17, 18] as const;

/**
 * The next frame's ROI from this frame's 21 landmarks (MediaPipe's tracking scheme): the box of
 * `ROI_LANDMARKS` in the hand's own rotated frame, shifted a little towards the fingers, squared on
 * its longer side and scaled so that the whole hand stays inside as it moves between frames.
 */
export function roiFromLandmarks(landmarks: readonly Point2[]): HandRoi {
  const rotation = handRotation(landmarks);
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const keypoints = ROI_LANDMARKS.map((i) => landmarks[i]);
  const box = boundingBox(keypoints);
  const ax = box.x + box.width / 2;
  const ay = box.y + box.height / 2;
  // Each point in the hand's frame (rotated by −rotation about the axis-aligned centre).
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of keypoints) {
    const dx = p.x - ax;
    const dy = p.y - ay;
    const px = dx * cos + dy * sin;
    const py = -dx * sin + dy * cos;
    if (px < minX) minX = px;
    if (py < minY) minY = py;
    if (px > maxX) maxX = px;
    if (py > maxY) maxY = py;
  }
  const pcx = (minX + maxX) / 2;
  const pcy = (minY + maxY) / 2;
  const centre = { cx: ax + pcx * cos - pcy * sin, cy: ay + pcx * sin + pcy * cos };
  const width = maxX - minX;
  const height = maxY - minY;
  const shifted = roiToSource({ ...centre, width, height, rotation }, 0, LANDMARKS_ROI_SHIFT_Y);
  const side = Math.max(width, height) * LANDMARKS_ROI_SCALE;
  return { cx: shifted.x, cy: shifted.y, width: side, height: side, rotation };
}

/** Intersection over union of two axis-aligned boxes. */
export function boxIoU(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}
