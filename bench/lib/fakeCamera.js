// The fake camera clip: Chromium's --use-file-for-fake-video-capture plays a .y4m file. Shared by
// the browser tests (tests/setup/chromium.ts) and the benches that use a camera (bench/soak.js).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Makes (once) the y4m file Chromium's fake camera plays, from a committed fixture video, and
 * returns its path. About 60 MB, so it is made when needed (in `.cache/`) and never committed.
 * @param {string} [name] a video of public/fixtures/pose/ without its .mp4 extension
 * @returns {string}
 */
export function fakeCameraClip(name = 'pose_1') {
  const out = `${root}.cache/${name}.y4m`;
  const src = `${root}public/fixtures/pose/${name}.mp4`;
  if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) {
    mkdirSync(`${root}.cache`, { recursive: true });
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', src, '-pix_fmt', 'yuv420p', out]);
  }
  return out;
}
