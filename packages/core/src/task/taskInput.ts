import type * as tf from '@tensorflow/tfjs-core';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import { frameSize, readFramePixels } from '../runtime/framePixels';
import { isVideo } from '../runtime/sourceKinds';

/** What every task's `estimate` accepts: a loop frame, an element to read once, or a [h, w, 3] tensor. */
export type TaskInput = Frame | FrameSourceElement | tf.Tensor3D;

/** A runtime `Frame` (as the frame loop hands out) rather than a bare element or tensor. */
export function isFrame(input: TaskInput): input is Frame {
  return typeof (input as Frame).pixels === 'function' && 'source' in input;
}

/** A TF.js tensor (checked by shape, so a second copy of TF.js on the page is recognised too). */
export function isTensor(input: TaskInput): input is tf.Tensor3D {
  return typeof (input as tf.Tensor3D).dataId === 'object' && Array.isArray((input as tf.Tensor3D).shape);
}


/**
 * The one input adapter: run `use` with a `Frame` of `input`. A loop frame passes as is; an
 * element becomes a one-off frame whose pixels are read lazily (at most once, scaled like the
 * loop's) and disposed afterwards; a tensor becomes a frame whose pixels are that tensor (the
 * caller keeps owning it). The frame's timestamp is `timestampMs`, else the frame's own, a video's
 * media time, or `performance.now()`.
 */
export async function withFrame<T>(input: TaskInput, timestampMs: number | undefined, use: (frame: Frame) => Promise<T>): Promise<T> {
  if (isFrame(input)) return use(timestampMs === undefined || timestampMs === input.timestamp ? input : { ...input, timestamp: timestampMs });
  if (isTensor(input)) {
    const [height, width] = input.shape;
    return use({ source: tensorSource(width, height), width, height, timestamp: timestampMs ?? performance.now(), index: -1, pixels: () => input });
  }
  let pixels: tf.Tensor3D | null = null;
  const { width, height } = frameSize(input);
  const timestamp = timestampMs ?? (isVideo(input) ? input.currentTime * 1000 : performance.now());
  const frame: Frame = { source: input, width, height, timestamp, index: -1, pixels: () => (pixels ??= readFramePixels(input)) };
  try {
    return await use(frame);
  } finally {
    (pixels as tf.Tensor3D | null)?.dispose();
  }
}

/**
 * A tensor has no element: its frame's `source` is an `ImageData`-shaped stand-in of its size
 * (never read: `pixels()` returns the tensor), so code that asks a frame for its source's size
 * works the same for every input.
 */
function tensorSource(width: number, height: number): FrameSourceElement {
  return { width, height, data: new Uint8ClampedArray(0), colorSpace: 'srgb' } as unknown as ImageData;
}
