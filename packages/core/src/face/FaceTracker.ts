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
  /** Every age read on this track, summed, and how many. */
  ageSum: number;
  ageCount: number;
  /** Every P(female) read on this track, summed, and how many. */
  femaleSum: number;
  genderCount: number;
}

/** How well a track's last box and a detection go together: IoU, or a near centre after a fast move. */
function affinity(a: FaceBox, b: FaceBox, minIou: number): number {
  const overlap = iou(a, b);
  if (overlap >= minIou) return overlap;
  // A face that moved further than its IoU allows between two slow frames (SSD at 2 fps): the same
  // face when its centre moved under 3/4 of its size and its size changed less than 1.5x. Ranked
  // below every overlapping pair.
  const size = (a.width + a.height + b.width + b.height) / 4;
  const moved = Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
  const ratio = (a.width * a.height) / (b.width * b.height);
  return moved < size * 0.75 && ratio < 2.25 && ratio > 1 / 2.25 ? minIou * (1 - moved / size) : 0;
}

const FRAME_MS = 1000 / 30;

const mix = (previous: number, current: number, keep: number) => previous * keep + current * (1 - keep);

/**
 * Gives each face a stable id across frames by matching boxes (greedy, highest IoU first, then a
 * near centre for a face that moved fast between slow frames) and smooths boxes, landmarks and
 * expressions per track so labels do not flicker. Age and gender are a person's, not a frame's:
 * they are the mean of every reading over the track's life. A track that is not matched survives
 * `maxMissedFrames` frames, so a face the detector misses a few times keeps its id (and its
 * averages).
 */
export class FaceTracker {
  private tracks: Track[] = [];
  private nextId = 1;

  constructor(
    private readonly maxMissedFrames = 5,
    private readonly minIou = 0.3,
  ) {}

  /** Forget every track (a new source). */
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
        const overlap = affinity(track.face.box, face.box, this.minIou);
        if (overlap > 0) pairs.push({ t, f, overlap });
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
        const created: Track = { id: info.id, face: info, timestamp, missed: 0, ageSum: 0, ageCount: 0, femaleSum: 0, genderCount: 0 };
        this.tracks.push(created);
        return (created.face = { ...info, ...lifeAverages(created, face) });
      }
      const dt = timestamp - track.timestamp;
      const keep = smoothing === 0 ? 0 : dt > 0 ? smoothing ** (dt / FRAME_MS) : smoothing;
      track.face = { ...smooth(track.face, face, keep), ...lifeAverages(track, face) };
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

const female = (gender: 'male' | 'female', probability: number) => (gender === 'female' ? probability : 1 - probability);

/** Adds this frame's age and gender to the track's readings; returns the means so far. */
function lifeAverages(track: Track, face: RawFace): Pick<FaceInfo, 'age' | 'gender' | 'genderProbability'> {
  if (face.age !== null) {
    track.ageSum += face.age;
    track.ageCount += 1;
  }
  if (face.gender && face.genderProbability !== null) {
    track.femaleSum += female(face.gender, face.genderProbability);
    track.genderCount += 1;
  }
  if (face.age === null && face.gender === null) return { age: null, gender: null, genderProbability: null };
  const p = track.genderCount ? track.femaleSum / track.genderCount : null;
  return {
    age: track.ageCount ? track.ageSum / track.ageCount : null,
    gender: p === null ? null : p >= 0.5 ? 'female' : 'male',
    genderProbability: p === null ? null : Math.max(p, 1 - p),
  };
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
  const { age, gender, genderProbability } = current;
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
