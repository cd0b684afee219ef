// How we drive Debian's Chromium, shared by the browser tests (tests/setup/chromium.ts re-exports
// this), the e2e test and every bench: its path, the network-quiet flags, and the fake camera.
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

/** Debian's Chromium; never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the (closed) network, and let videos play without a gesture. */
export const quietFlags = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Flags that make a .y4m clip the camera, with permission granted.
 * @param {string} [clip] defaults to `fakeCameraClip()`
 * @returns {string[]}
 */
export function fakeCameraFlags(clip = fakeCameraClip()) {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`];
}
