import type { Runtime } from '../../runtime/Runtime';
import { FaceEngine } from '../../face/FaceEngine';
import type { FacePoint } from '../../face/types';
import type { Frame } from '../../runtime/contracts';
import type { ExtractContext, FaceFeatureOptions } from '../types';
import type { FeatureDescriptor } from './FeatureExtractor';
import { EngineExtractor } from './EngineExtractor';
import { augmentKeypoints, type AugmentView } from '../augmentation';

const POINTS = 68;
const DIMENSION = POINTS * 2;

/** Each iBUG-68 landmark's mirror image (jaw, brows, nostrils, eyes and mouth swap sides). */
const MIRROR_INDEX: readonly number[] = (() => {
  const map = Array.from({ length: POINTS }, (_, i) => i);
  const pair = (a: number, b: number) => {
    map[a] = b;
    map[b] = a;
  };
  for (let i = 0; i <= 7; i++) pair(i, 16 - i); // jaw
  for (let i = 0; i < 5; i++) pair(17 + i, 26 - i); // brows
  pair(31, 35);
  pair(32, 34); // nostrils
  [[36, 45], [37, 44], [38, 43], [39, 42], [40, 47], [41, 46]].forEach(([a, b]) => pair(a, b)); // eyes
  [[48, 54], [49, 53], [50, 52], [55, 59], [56, 58], [60, 64], [61, 63], [65, 67]].forEach(([a, b]) => pair(a, b)); // mouth
  return map;
})();

/**
 * 68 face landmarks as 136 numbers relative to the landmarks' centroid and divided by their RMS
 * spread: what the face does (expression, head tilt, mouth open), not where it is or how big.
 * Mirroring negates x and swaps left and right landmarks.
 */
export function faceEmbedding(landmarks: readonly FacePoint[], mirrored: boolean): Float32Array | null {
  if (landmarks.length !== POINTS) return null;
  const cx = landmarks.reduce((s, p) => s + p.x, 0) / POINTS;
  const cy = landmarks.reduce((s, p) => s + p.y, 0) / POINTS;
  const rms = Math.sqrt(landmarks.reduce((s, p) => s + (p.x - cx) ** 2 + (p.y - cy) ** 2, 0) / POINTS) || 1;
  const out = new Float32Array(DIMENSION);
  for (let i = 0; i < POINTS; i++) {
    const p = landmarks[mirrored ? MIRROR_INDEX[i] : i];
    const dx = (p.x - cx) / rms;
    out[i * 2] = mirrored ? -dx : dx;
    out[i * 2 + 1] = (p.y - cy) / rms;
  }
  return out;
}

/** The `'face'` features: the largest face's 68 landmarks, through the face engine. */
export function faceFeatures(_options: FaceFeatureOptions): FeatureDescriptor {
  return { id: 'face:landmarks-68', dimension: DIMENSION, create: (runtime) => new FaceExtractor(runtime) };
}

class FaceExtractor extends EngineExtractor<FaceEngine> {
  readonly id = 'face:landmarks-68';
  readonly dimension = DIMENSION;

  constructor(runtime: Runtime) {
    // Unsmoothed, landmarks only: the cheapest face-api pipeline that describes an expression.
    // Detection score 0.3, not the face engine's 0.5: a classifier's frames show the person teaching
    // it, and a face missed is a frame that teaches or tells nothing. At 0.5 the tiny detector
    // missed a face that fills a low-contrast frame (angry_cropped.jpg at contrast 0.65, the one
    // miss of the faces robustness split); with one face kept, a weak false one elsewhere rarely wins.
    super(
      new FaceEngine({
        detector: 'tiny',
        withLandmarks: 'full',
        withExpressions: false,
        withAgeAndGender: false,
        withDescriptors: false,
        smoothing: 0,
        maxFaces: 1,
        scoreThreshold: 0.3,
      }, runtime),
    );
  }

  /** Jittered (and, if asked, mirrored) copies of the keypoints: no second pass of the model. */
  async augment(_frame: Frame, _context: ExtractContext, views: readonly AugmentView[], embedding: Float32Array): Promise<Float32Array[]> {
    return augmentKeypoints(embedding, views, MIRROR_INDEX);
  }

  async extract(frame: Frame, context: ExtractContext): Promise<Float32Array | null> {
    const { faces } = await this.engine.estimate(frame, frame.timestamp);
    const largest = [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
    return largest?.landmarks ? faceEmbedding(largest.landmarks, context.mirrored) : null;
  }
}
