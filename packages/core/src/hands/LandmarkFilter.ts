/**
 * Temporal smoothing of one hand's landmarks: a one-euro filter per coordinate (Casiez et al.
 * 2012) with MediaPipe Hands' settings (hand_landmark_tracking: min cutoff 0.05, beta 80,
 * derivative cutoff 1), the speed measured in hand sizes per second so that a small, far hand and
 * a large, near one are smoothed alike (MediaPipe's object-scale velocity).
 */
import type { RawLandmark } from './landmarkHand';

const MIN_CUTOFF = 0.05;
const BETA = 80;
const DERIVATIVE_CUTOFF = 1;

function alpha(cutoff: number, dt: number): number {
  const tau = 1 / (2 * Math.PI * cutoff);
  return 1 / (1 + tau / dt);
}

/** A one-euro filter over a whole landmark list (every coordinate its own filter). */
export class LandmarkFilter {
  private previous: Float64Array | null = null;
  private derivative: Float64Array | null = null;
  private lastTime = 0;

  /**
   * The smoothed landmarks for `landmarks` seen at `timeMs`, with `scale` the hand's size in
   * pixels. A time that does not move forwards restarts the filter (a seek, a new video).
   */
  apply(landmarks: readonly RawLandmark[], timeMs: number, scale: number): RawLandmark[] {
    const values = new Float64Array(landmarks.length * 3);
    landmarks.forEach((p, i) => {
      values[i * 3] = p.x;
      values[i * 3 + 1] = p.y;
      values[i * 3 + 2] = p.z;
    });
    const dt = (timeMs - this.lastTime) / 1000;
    if (!this.previous || !this.derivative || !(dt > 0) || this.previous.length !== values.length) {
      this.previous = values;
      this.derivative = new Float64Array(values.length);
    } else {
      const valueScale = scale > 0 ? 1 / scale : 1;
      const aD = alpha(DERIVATIVE_CUTOFF, dt);
      for (let i = 0; i < values.length; i++) {
        const rate = ((values[i] - this.previous[i]) * valueScale) / dt;
        const d = aD * rate + (1 - aD) * this.derivative[i];
        this.derivative[i] = d;
        const a = alpha(MIN_CUTOFF + BETA * Math.abs(d), dt);
        values[i] = a * values[i] + (1 - a) * this.previous[i];
      }
      this.previous = values;
    }
    this.lastTime = timeMs;
    return landmarks.map((_, i) => ({ x: values[i * 3], y: values[i * 3 + 1], z: values[i * 3 + 2] }));
  }
}
