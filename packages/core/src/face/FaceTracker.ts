import type { RawFace } from './estimateFaces';
import { FACE_EXPRESSIONS, type FaceBox, type FaceExpression, type FaceExpressions, type FaceInfo } from './types';

/** Intersection over union of two boxes, 0..1. */
export function iou(a: FaceBox, b: FaceBox): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** The most probable expression. */
export function dominantExpression(expressions: FaceExpressions): FaceExpression {
  let best: FaceExpression = FACE_EXPRESSIONS[0];
  for (const name of FACE_EXPRESSIONS) if (expressions[name] > expressions[best]) best = name;
  return best;
}

interface Track {
  id: number;
  face: FaceInfo;
  timestamp: number;
  missed: number;
}

const FRAME_MS = 1000 / 30;

const mix = (previous: number, current: number, keep: number) => previous * keep + current * (1 - keep);

/**
 * Gives each face a stable id across frames by matching boxes (greedy, highest IoU first) and
 * smooths boxes, landmarks, age, gender and expressions per track so labels do not flicker.
 * A track that is not matched survives `maxMissedFrames` frames, so a face the detector misses
 * once or twice keeps its id.
 */
export class FaceTracker {
  private tracks: Track[] = [];
  private nextId = 1;

  constructor(
    private readonly maxMissedFrames = 2,
    private readonly minIou = 0.3,
  ) {}

  /** Forget every track (a new source, or time went backwards). */
  reset(): void {
    this.tracks = [];
  }

  /**
   * Match this frame's faces to the tracks and return them with ids, smoothed.
   * @param smoothing weight kept from the previous estimate per 1/30 s (0 = none)
   */
  update(faces: readonly RawFace[], timestamp: number, smoothing: number): FaceInfo[] {
    const pairs: { t: number; f: number; overlap: number }[] = [];
    this.tracks.forEach((track, t) =>
      faces.forEach((face, f) => {
        const overlap = iou(track.face.box, face.box);
        if (overlap >= this.minIou) pairs.push({ t, f, overlap });
      }),
    );
    pairs.sort((a, b) => b.overlap - a.overlap);
    const trackOf = new Map<number, Track>();
    const usedTracks = new Set<number>();
    for (const { t, f } of pairs) {
      if (usedTracks.has(t) || trackOf.has(f)) continue;
      usedTracks.add(t);
      trackOf.set(f, this.tracks[t]);
    }

    const out = faces.map((face, f) => {
      const track = trackOf.get(f);
      if (!track) {
        const info = toInfo(this.nextId++, face);
        this.tracks.push({ id: info.id, face: info, timestamp, missed: 0 });
        return info;
      }
      const dt = timestamp - track.timestamp;
      const keep = smoothing === 0 ? 0 : dt > 0 ? smoothing ** (dt / FRAME_MS) : smoothing;
      track.face = smooth(track.face, face, keep);
      track.timestamp = timestamp;
      track.missed = 0;
      return track.face;
    });

    this.tracks = this.tracks.filter((track) => {
      if (out.includes(track.face)) return true;
      track.missed += 1;
      return track.missed <= this.maxMissedFrames;
    });
    return out;
  }
}

function toInfo(id: number, face: RawFace): FaceInfo {
  return { id, ...face, dominantExpression: face.expressions ? dominantExpression(face.expressions) : null };
}

function smooth(previous: FaceInfo, current: RawFace, keep: number): FaceInfo {
  if (keep === 0) return toInfo(previous.id, current);
  const box = {
    x: mix(previous.box.x, current.box.x, keep),
    y: mix(previous.box.y, current.box.y, keep),
    width: mix(previous.box.width, current.box.width, keep),
    height: mix(previous.box.height, current.box.height, keep),
  };
  const landmarks =
    current.landmarks && previous.landmarks && previous.landmarks.length === current.landmarks.length
      ? current.landmarks.map((p, i) => ({ x: mix(previous.landmarks![i].x, p.x, keep), y: mix(previous.landmarks![i].y, p.y, keep) }))
      : current.landmarks;
  let expressions = current.expressions;
  if (expressions && previous.expressions) {
    const mixed = {} as FaceExpressions;
    for (const name of FACE_EXPRESSIONS) mixed[name] = mix(previous.expressions[name], expressions[name], keep);
    expressions = mixed;
  }
  let { age, gender, genderProbability } = current;
  if (age !== null && previous.age !== null) age = mix(previous.age, age, keep);
  if (gender && genderProbability !== null && previous.gender && previous.genderProbability !== null) {
    // Smooth P(female) so a flip of the label goes through 0.5 instead of jumping.
    const female = (g: 'male' | 'female', p: number) => (g === 'female' ? p : 1 - p);
    const p = mix(female(previous.gender, previous.genderProbability), female(gender, genderProbability), keep);
    gender = p >= 0.5 ? 'female' : 'male';
    genderProbability = Math.max(p, 1 - p);
  }
  return {
    id: previous.id,
    box,
    score: current.score,
    landmarks,
    age,
    gender,
    genderProbability,
    expressions,
    dominantExpression: expressions ? dominantExpression(expressions) : null,
    descriptor: current.descriptor,
  };
}
