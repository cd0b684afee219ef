// Real hand keypoints for unit tests, and the rigid transforms some tests build hands with.
// Fixtures (public/fixtures/hands, see NOTICE.md there): MediaPipe Hands' own expected keypoints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAND_KEYPOINT_NAMES, type HandKeypoint } from '../../packages/core/src/hands/types';

const dir = join(process.cwd(), 'public/fixtures/hands');

/** asl_hand.25fps.mp4's 325 frames × 21 × [x, y, z] (source pixels, 620×1080): a right hand, palm to the camera. */
export const ASL_FRAMES = JSON.parse(readFileSync(join(dir, 'asl_hand.full.json'), 'utf8')) as number[][][];

/** hands.jpg's two open palms (720×382, no z): [0] points down, [1] up. */
export const OPEN_PALMS = (
  JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { 'hands.jpg': { keypoints: number[][][] } }
)['hands.jpg'].keypoints;

/** Named keypoints from [x, y, z?] rows. */
export function keypoints(rows: readonly (readonly number[])[]): HandKeypoint[] {
  return rows.map(([x, y, z], i) => ({ name: HAND_KEYPOINT_NAMES[i], x, y, z: z ?? 0 }));
}

/** The ASL video's frame `index` as keypoints. */
export function aslFrame(index: number): HandKeypoint[] {
  return keypoints(ASL_FRAMES[index]);
}

/** Frames `from`..`to` (inclusive) of the ASL video. */
export function aslRange(from: number, to: number): HandKeypoint[][] {
  return Array.from({ length: to - from + 1 }, (_, i) => aslFrame(from + i));
}

/** Rotate points about `pivot` in the image plane by `degrees` (image axes: positive turns +x towards +y). */
export function rotate(points: readonly HandKeypoint[], degrees: number, pivot: { x: number; y: number } = points[0]): HandKeypoint[] {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return points.map((p) => {
    const dx = p.x - pivot.x;
    const dy = p.y - pivot.y;
    return { ...p, x: pivot.x + c * dx - s * dy, y: pivot.y + s * dx + c * dy };
  });
}

/** Scale about the origin (z too, as it is in the same pixel scale) and then shift. */
export function scaleAndShift(points: readonly HandKeypoint[], scale: number, dx: number, dy: number): HandKeypoint[] {
  return points.map((p) => ({ ...p, x: p.x * scale + dx, y: p.y * scale + dy, z: p.z * scale }));
}

/** Reflect left-right across x = `axis`, as a mirrored frame shows the hand (a right hand becomes a left one). */
export function reflect(points: readonly HandKeypoint[], axis = 0): HandKeypoint[] {
  return points.map((p) => ({ ...p, x: 2 * axis - p.x }));
}
