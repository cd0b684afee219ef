import { Store } from '../store/Store';
import type { FrameSourceElement } from '../runtime/contracts';
import { FaceEngine } from './FaceEngine';
import { FaceError, FaceErrorCode } from './FaceError';
import type { FaceDetector, FaceInfo } from './types';

/** Length of a face-api face descriptor. */
export const DESCRIPTOR_LENGTH = 128;

/** The file format of a labelled face set (`FaceMatcher.toJSON` / `FaceMatcher.load`). */
export interface LabeledFaceSet {
  format: 'webcam-ml/faces';
  version: 1;
  distanceThreshold: number;
  faces: { label: string; descriptors: number[][] }[];
}

/** One known person: a label and the descriptors registered for it. */
export interface LabeledFace {
  label: string;
  descriptors: readonly Float32Array[];
}

export interface FaceMatcherState {
  faces: readonly LabeledFace[];
  distanceThreshold: number;
}

/** The best known face for a descriptor. */
export interface FaceMatch {
  /** The matching label, or null when no known face is within `distanceThreshold`. */
  label: string | null;
  /** Mean Euclidean distance to the closest label's descriptors (Infinity when none is known). */
  distance: number;
}

export interface FaceMatcherOptions {
  /**
   * Largest mean descriptor distance that still counts as the same person. face-api's
   * descriptors put the same person below about 0.6.
   * @default 0.6
   */
  distanceThreshold?: number;
}

function invalidSet(message: string): FaceError {
  return new FaceError(FaceErrorCode.InvalidFaceSet, `face set: ${message}; nothing was changed`);
}

function checkThreshold(value: unknown, where: string): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 2)) {
    throw new FaceError(FaceErrorCode.InvalidOptions, `${where}: distanceThreshold must be a number in (0, 2]; got ${JSON.stringify(value)}`);
  }
  return value;
}

function toDescriptor(value: unknown, where: string): Float32Array {
  const ok =
    (value instanceof Float32Array || Array.isArray(value)) &&
    value.length === DESCRIPTOR_LENGTH &&
    Array.from(value as ArrayLike<unknown>).every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!ok) throw new FaceError(FaceErrorCode.InvalidAction, `${where} must be ${DESCRIPTOR_LENGTH} finite numbers`);
  return Float32Array.from(value as ArrayLike<number>);
}

/** Euclidean distance between two descriptors. */
export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}

/**
 * Recognises registered people among live faces: register labelled descriptors (from a face of
 * a live frame or from an image), match faces by mean descriptor distance (face-api's
 * `FaceMatcher` rule), and save or load the set as JSON. Observable (`Store`), so a UI can list
 * the known people. Descriptors come from a `FaceEngine` with `withDescriptors: true`.
 */
export class FaceMatcher extends Store<FaceMatcherState> {
  constructor(options: FaceMatcherOptions = {}) {
    super({ faces: [], distanceThreshold: checkThreshold(options.distanceThreshold ?? 0.6, 'FaceMatcher') });
  }

  /** Change the match threshold. */
  setDistanceThreshold(distanceThreshold: number): void {
    this.setState({ distanceThreshold: checkThreshold(distanceThreshold, 'FaceMatcher.setDistanceThreshold') });
  }

  /** Register a descriptor (for example `face.descriptor` of a live face) under `label`. */
  add(label: string, descriptor: Float32Array | readonly number[]): void {
    if (typeof label !== 'string' || label.trim() === '') throw new FaceError(FaceErrorCode.InvalidAction, 'FaceMatcher.add: label must be a non-empty string');
    const d = toDescriptor(descriptor, 'FaceMatcher.add: descriptor');
    const faces = this.getSnapshot().faces;
    const existing = faces.find((f) => f.label === label);
    this.setState({
      faces: existing
        ? faces.map((f) => (f === existing ? { label, descriptors: [...f.descriptors, d] } : f))
        : [...faces, { label, descriptors: [d] }],
    });
  }

  /** Register a live face; it must carry a descriptor (`withDescriptors: true`). */
  addFace(label: string, face: Pick<FaceInfo, 'descriptor'>): void {
    if (!face.descriptor) {
      throw new FaceError(FaceErrorCode.InvalidAction, 'FaceMatcher.addFace: the face has no descriptor; run the engine with withDescriptors: true');
    }
    this.add(label, face.descriptor);
  }

  /**
   * Register the largest face found in an image (an `<img>`, a canvas, a video frame). Throws a
   * `FaceError` (`invalid-action`) when the image holds no face.
   */
  async addFromImage(label: string, image: FrameSourceElement, options: { detector?: FaceDetector } = {}): Promise<FaceInfo> {
    const engine = new FaceEngine({
      detector: options.detector ?? 'tiny',
      inputSize: 416,
      withLandmarks: true,
      withDescriptors: true,
      withExpressions: false,
      withAgeAndGender: false,
      smoothing: 0,
    });
    try {
      const { faces } = await engine.estimate(image);
      const largest = [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
      if (!largest) throw new FaceError(FaceErrorCode.InvalidAction, `FaceMatcher.addFromImage: no face found in the image for "${label}"`);
      this.addFace(label, largest);
      return largest;
    } finally {
      engine.dispose();
    }
  }

  /** Forget a label. */
  remove(label: string): void {
    this.setState({ faces: this.getSnapshot().faces.filter((f) => f.label !== label) });
  }

  /** Forget everyone. */
  clear(): void {
    this.setState({ faces: [] });
  }

  /** The closest known label for a descriptor, or `label: null` beyond the threshold. */
  match(descriptor: ArrayLike<number>): FaceMatch {
    const { faces, distanceThreshold } = this.getSnapshot();
    let best: FaceMatch = { label: null, distance: Infinity };
    for (const face of faces) {
      const distance = face.descriptors.reduce((sum, d) => sum + descriptorDistance(d, descriptor), 0) / face.descriptors.length;
      if (distance < best.distance) best = { label: face.label, distance };
    }
    return best.distance <= distanceThreshold ? best : { label: null, distance: best.distance };
  }

  /** Match every live face that has a descriptor, by face id. */
  matchFaces(faces: readonly FaceInfo[]): Map<number, FaceMatch> {
    const out = new Map<number, FaceMatch>();
    for (const face of faces) if (face.descriptor) out.set(face.id, this.match(face.descriptor));
    return out;
  }

  /** The labelled set as JSON-ready data (`JSON.stringify(matcher)` works too). */
  toJSON(): LabeledFaceSet {
    const { faces, distanceThreshold } = this.getSnapshot();
    return {
      format: 'webcam-ml/faces',
      version: 1,
      distanceThreshold,
      faces: faces.map((f) => ({ label: f.label, descriptors: f.descriptors.map((d) => Array.from(d)) })),
    };
  }

  /**
   * Replace the labelled set with a saved one (a JSON string or its parsed value). The whole file
   * is validated first: a bad file throws a `FaceError` (`invalid-face-set`) and changes nothing.
   */
  load(json: string | unknown): void {
    let data: unknown = json;
    if (typeof json === 'string') {
      try {
        data = JSON.parse(json);
      } catch (cause) {
        throw new FaceError(FaceErrorCode.InvalidFaceSet, 'face set: not valid JSON; nothing was changed', { cause });
      }
    }
    const set = data as Partial<LabeledFaceSet> | null;
    if (typeof set !== 'object' || set === null || set.format !== 'webcam-ml/faces') throw invalidSet('not a webcam-ml face set (format must be "webcam-ml/faces")');
    if (set.version !== 1) throw invalidSet(`unsupported version ${JSON.stringify(set.version)} (this library reads version 1)`);
    if (typeof set.distanceThreshold !== 'number' || !(set.distanceThreshold > 0 && set.distanceThreshold <= 2)) {
      throw invalidSet(`distanceThreshold must be a number in (0, 2]; got ${JSON.stringify(set.distanceThreshold)}`);
    }
    if (!Array.isArray(set.faces)) throw invalidSet('faces must be an array');
    const seen = new Set<string>();
    const faces: LabeledFace[] = set.faces.map((entry: unknown, i) => {
      const face = entry as Partial<LabeledFaceSet['faces'][number]> | null;
      if (typeof face !== 'object' || face === null || typeof face.label !== 'string' || face.label.trim() === '') {
        throw invalidSet(`faces[${i}].label must be a non-empty string`);
      }
      if (seen.has(face.label)) throw invalidSet(`label "${face.label}" appears twice`);
      seen.add(face.label);
      if (!Array.isArray(face.descriptors) || face.descriptors.length === 0) throw invalidSet(`faces[${i}].descriptors must be a non-empty array`);
      const descriptors = face.descriptors.map((d, j) => {
        try {
          return toDescriptor(d, `faces[${i}].descriptors[${j}]`);
        } catch (error) {
          throw invalidSet((error as Error).message);
        }
      });
      return { label: face.label, descriptors };
    });
    this.setState({ faces, distanceThreshold: set.distanceThreshold });
  }
}
