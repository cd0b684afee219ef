#!/usr/bin/env node
// npm run bench:ux -- [--widget pose|face|classifier] [--executor main,worker] [--video <clip>] [--seconds N] --out <file.json>
// What a person feels while a widget runs: Chromium's fake camera plays a clip (30 fps), a page
// mounts the widget under StrictMode in a <WebcamMLProvider executor>, main and worker alternating
// in one run, each round of each executor on a freshly launched Chromium page (cold HTTP cache, no
// TF.js backend yet: a user's first visit; `--same-page` runs them all in one page, where every
// main round after the first finds the page's backend up and a worker round starts a new worker,
// which is what a remount after the release delay costs); over several windows it measures camera fps, widget fps (results per second), page
// fps (requestAnimationFrame), the share of time the main thread spent in long tasks, and the
// executor's transfer cost per frame (createImageBitmap + postMessage; null on main). Medians.
// Writes { runs: [{ widget, executor, backend, cameraFps, widgetFps, pageFps, longTaskShare, transferMs }] }.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { cliArgs, root, runInChromium, usageError } from './lib/harness.js';
import { fakeCameraClip } from './lib/chromium.js';

const usage = `Usage: npm run bench:ux -- --out <file.json>
  [--widget pose|face|classifier]   the widget (default pose)
  [--executor main,worker]          executors, alternating in this order (default main,worker)
  [--video <clip>]                  the camera clip (any ffmpeg-readable video; default public/fixtures/pose/pose_1.mp4)
  [--seconds <n>]                   measured seconds per executor and round (default 10)
  [--rounds <n>]                    rounds of all executors (default 2)
  [--backend wasm|webgl|cpu|auto]   TF.js backend (default wasm)
  [--same-page]                     every round in one page (default: a fresh page per round and executor)`;

const args = cliArgs(usage, {
  widget: { type: 'string', default: 'pose' },
  executor: { type: 'string', default: 'main,worker' },
  video: { type: 'string' },
  seconds: { type: 'string', default: '10' },
  rounds: { type: 'string', default: '2' },
  backend: { type: 'string', default: 'wasm' },
  'same-page': { type: 'boolean', default: false },
  out: { type: 'string' },
});

/** @param {string} message */
const die = (message) => usageError(message, usage);

if (!args.out) die('--out is required');
if (!['pose', 'face', 'classifier'].includes(args.widget)) die(`--widget must be pose, face or classifier; got ${args.widget}`);
const executors = args.executor.split(',').map((e) => e.trim());
if (!executors.length || executors.some((e) => !['main', 'worker'].includes(e))) die(`--executor takes main and worker; got ${args.executor}`);
if (!['wasm', 'webgl', 'cpu', 'auto'].includes(args.backend)) die(`--backend must be wasm, webgl, cpu or auto; got ${args.backend}`);
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
if (!(seconds >= 2)) die(`--seconds must be a number >= 2; got ${args.seconds}`);
if (!Number.isInteger(rounds) || rounds < 1) die(`--rounds must be a positive integer; got ${args.rounds}`);

/** The clip as the y4m Chromium's fake camera plays (made once per clip in .cache/). */
function cameraClip(video) {
  if (!video) return fakeCameraClip();
  const src = resolve(video);
  if (!existsSync(src)) die(`--video: file not found: ${video}`);
  mkdirSync(resolve(root, '.cache'), { recursive: true });
  const out = resolve(root, '.cache', `ux-${basename(src).replace(/[^\w.-]/g, '_')}.y4m`);
  if (!existsSync(out)) execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', src, '-r', '30', '-pix_fmt', 'yuv420p', out]);
  return out;
}

// The worker as a built app ships it: one self-contained file (`npm run build`, then
// `npm run models` copies it next to the weights). Without it the dev server's worker loads its
// modules one by one, which only the first result would feel; the output says which ran.
const builtWorker = existsSync(resolve(root, 'public/models/webcam-ml-worker.js'));
if (!builtWorker) console.error('bench:ux: public/models/webcam-ml-worker.js not found (npm run build && npm run models): the worker loads from the dev server, module by module');
const workerUrl = builtWorker ? '/models/webcam-ml-worker.js' : null;
const fakeCamera = cameraClip(args.video);
/** One page: `rounds` rounds of `list`, alternating. */
const inPage = (list, n) =>
  runInChromium({
    page: 'bench/pages/ux.html',
    params: { widget: args.widget, executors: list, seconds, rounds: n, backend: args.backend, workerUrl },
    fakeCamera,
    timeoutMs: (n * list.length * (seconds + 60) + 120) * 1000,
  });
const result = { runs: [] };
if (args['same-page']) result.runs.push(...(await inPage(executors, rounds)).runs);
else for (let r = 0; r < rounds; r++) for (const executor of executors) result.runs.push(...(await inPage([executor], 1)).runs);
const runs = result.runs.map(({ widget, executor, backend, cameraFps, widgetFps, pageFps, longTaskShare, transferMs }) => ({
  widget,
  executor,
  backend,
  cameraFps,
  widgetFps,
  pageFps,
  longTaskShare,
  transferMs,
}));
mkdirSync(dirname(resolve(args.out)), { recursive: true });
await writeFile(resolve(args.out), `${JSON.stringify({ runs }, null, 2)}\n`);
for (const r of result.runs) {
  console.error(
    `bench:ux ${r.widget} ${r.executor} (${r.backend}): camera ${r.cameraFps} fps, widget ${r.widgetFps} fps, page ${r.pageFps} fps, ` +
      `long tasks ${(r.longTaskShare * 100).toFixed(1)} %, transfer ${r.transferMs ?? '—'} ms, first result ${r.firstResultMs} ms` +
      (r.executor === 'worker' ? ` (worker: ${builtWorker ? 'built file' : 'dev-server modules'})` : '') +
      (args['same-page'] ? '' : ', on a fresh page'),
  );
}
