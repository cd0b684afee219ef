import { existsSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's Chromium; never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the (closed) network. */
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
 * Makes (once) the y4m file Chromium's fake camera plays, from a committed fixture video.
 * About 60 MB, so it is made at test time and never committed.
 */
export function fakeCameraClip(name = 'pose_1'): string {
  const out = `${root}.cache/${name}.y4m`;
  const src = `${root}public/fixtures/pose/${name}.mp4`;
  if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) {
    mkdirSync(`${root}.cache`, { recursive: true });
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', src, '-pix_fmt', 'yuv420p', out]);
  }
  return out;
}

/** Flags that make a fixture video the camera, with permission granted. */
export function fakeCameraFlags(clip = fakeCameraClip()): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${clip}`,
  ];
}
