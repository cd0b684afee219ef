/**
 * MediaPipe's hand tracking scheme over our detector and landmark passes. Each tracked hand's
 * landmarks give the next frame's ROI, so a tracked hand costs one landmark pass per frame; the
 * detector runs only when fewer than `maxHands` hands are tracked (a hand was lost, or not all
 * were found yet), and always on a still image. A hand keeps its `id` while it stays tracked.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { detectHands } from './detectHands';
import { boundingBox, boxIoU, roiFromBox, roiFromLandmarks, type HandRoi } from './handRoi';
import { LandmarkFilter } from './LandmarkFilter';
import { landmarkHand, type LandmarkPass, type RawLandmark } from './landmarkHand';

/** What the tracker is asked for one frame. */
export interface TrackSettings {
  maxHands: number;
  /** Landmark passes whose hand presence is below this are dropped (a tracked hand is lost). */
  minScore: number;
  smoothing: boolean;
  /**
   * The frame's time in ms; `undefined` for a still image, which is estimated on its own (detector,
   * then one refining landmark pass from the first one's landmarks, nothing carried over).
   */
  timeMs: number | undefined;
}

/** A hand the tracker reports for a frame. */
export interface TrackedHand {
  id: number;
  keypoints: RawLandmark[];
  world: RawLandmark[];
  presence: number;
  /** How likely it is the person's right hand (averaged over the frames it was tracked). */
  rightHand: number;
}

/** Counts of model passes, for tests and benchmarks of the tracking scheme. */
export interface TrackerCounts {
  detector: number;
  landmarks: number;
}

interface Track {
  id: number;
  roi: HandRoi;
  box: { x: number; y: number; width: number; height: number };
  rightHand: number;
  filter: LandmarkFilter;
}

/**
 * Detector boxes scored at least this are checked by a landmark pass, whose presence score (held
 * to `minScore`) decides. The detector alone is less sure of hands than the landmark model: on
 * hands.jpg mirrored it gives one of the two hands 0.45.
 */
const DETECTION_MIN_SCORE = 0.25;
/** Detections this much (IoU) over a tracked hand are that hand, not a new one. */
const SAME_HAND_DETECTION_IOU = 0.3;
/** Two hands whose landmark boxes overlap this much (IoU) are one (MediaPipe's association, 0.5). */
const SAME_HAND_IOU = 0.5;
/** How much of a tracked hand's handedness the new frame replaces (it barely changes in reality). */
const HANDEDNESS_BLEND = 0.3;

export class HandTracker {
  private tracks: Track[] = [];
  private nextId = 1;
  readonly counts: TrackerCounts = { detector: 0, landmarks: 0 };

  /** Forget every tracked hand (a new video, a seek); ids keep counting up. */
  reset(): void {
    this.tracks = [];
  }

  async track(pixels: tf.Tensor3D, detector: GraphModel, landmarks: GraphModel, settings: TrackSettings): Promise<TrackedHand[]> {
    const still = settings.timeMs === undefined;
    if (still) this.reset();
    const candidates: { track: Track | null; roi: HandRoi }[] = this.tracks.map((track) => ({ track, roi: track.roi }));
    if (candidates.length < settings.maxHands) {
      this.counts.detector++;
      const found = await detectHands(detector, pixels, settings.maxHands, Math.min(DETECTION_MIN_SCORE, settings.minScore));
      for (const detection of found) {
        if (candidates.length >= settings.maxHands) break;
        if (this.tracks.some((t) => boxIoU(t.box, detection.box) > SAME_HAND_DETECTION_IOU)) continue;
        candidates.push({ track: null, roi: roiFromBox(detection.box) });
      }
    }
    const passes: { track: Track | null; pass: LandmarkPass }[] = [];
    for (const candidate of candidates) {
      this.counts.landmarks++;
      let pass = await landmarkHand(landmarks, pixels, candidate.roi);
      if (!candidate.track && pass.presence >= settings.minScore) {
        // A detector box is neither rotated nor square: one more pass from the landmarks' own ROI.
        this.counts.landmarks++;
        pass = await landmarkHand(landmarks, pixels, roiFromLandmarks(pass.keypoints));
      }
      if (pass.presence >= settings.minScore) passes.push({ track: candidate.track, pass });
    }
    const kept: typeof passes = [];
    for (const p of passes) {
      const box = boundingBox(p.pass.keypoints);
      if (!kept.some((k) => boxIoU(boundingBox(k.pass.keypoints), box) > SAME_HAND_IOU)) kept.push(p);
    }
    this.tracks = [];
    const hands: TrackedHand[] = [];
    for (const { track, pass } of kept) {
      const t: Track = track ?? { id: this.nextId++, roi: pass.roi, box: boundingBox(pass.keypoints), rightHand: pass.rightHand, filter: new LandmarkFilter() };
      if (track) t.rightHand = (1 - HANDEDNESS_BLEND) * track.rightHand + HANDEDNESS_BLEND * pass.rightHand;
      const box = boundingBox(pass.keypoints);
      const keypoints =
        settings.smoothing && !still ? t.filter.apply(pass.keypoints, settings.timeMs!, (box.width + box.height) / 2) : pass.keypoints;
      // The next ROI follows the raw landmarks: smoothing lags, and a lagging ROI loses fast hands.
      t.roi = roiFromLandmarks(pass.keypoints);
      t.box = box;
      if (!still) this.tracks.push(t);
      hands.push({ id: t.id, keypoints, world: pass.world, presence: pass.presence, rightHand: t.rightHand });
    }
    return hands;
  }
}
