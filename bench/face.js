#!/usr/bin/env node
// Bench CLI for useFaceInfo (a contract: it is run on images and videos the tests never saw).
// Runs the hook (useFaceInfo in a React page, frames fed through its engine's `estimate`, the
// code path of the frame loop) and the bare @vladmandic/face-api loop on the same frames, same
// backend and options, alternating, in headless Chromium; writes the hook's faces per frame (source
// pixels, unmirrored) and the median ms per frame of each.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cliArgs, fileKey, runInChromium } from './lib/harness.js';

const usage = `usage: npm run bench:face -- (--video <path> | --image <path>) [--backend wasm|cpu|webgl] --out <file.json>
  [--detector tiny|ssd] [--input-size 224] [--score-threshold 0.5] [--max-faces 10]
  [--landmarks full|tiny] [--smoothing 0] [--fps 30] [--max-frames N] [--repeats 3] [--load-rounds 6]

  --video        every frame at --fps (seeked deterministically), or the first --max-frames
  --image        one frame, timed --repeats x 10 times
  --backend      the TF.js backend for both loops (default wasm)
  --smoothing    the hook's smoothing (default 0: per-frame estimates, comparable with bare face-api)
  --repeats      timed passes over the frames (default 3), hook and bare alternating
  --load-rounds  cold load rounds (fresh no-store model URLs), hook and bare alternating (default 6)
Output: { frames: [{ faces: [{ box, score, age, gender, expressions }] }], msPerFrame: { hook, bare },
  overhead, loadMs: { hook, bare, ratio } (medians), load (every sample), backend, options, frameCount }`;

const args = cliArgs(usage, {
  video: { type: 'string' },
  image: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  out: { type: 'string' },
  detector: { type: 'string', default: 'tiny' },
  'input-size': { type: 'string', default: '224' },
  'score-threshold': { type: 'string', default: '0.5' },
  'max-faces': { type: 'string', default: '10' },
  landmarks: { type: 'string', default: 'full' },
  smoothing: { type: 'string', default: '0' },
  fps: { type: 'string', default: '30' },
  'max-frames': { type: 'string' },
  repeats: { type: 'string', default: '3' },
  'load-rounds': { type: 'string', default: '6' },
});

function fail(message) {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

if (!args.out) fail('--out is required');
if (Boolean(args.video) === Boolean(args.image)) fail('give exactly one of --video or --image');
if (!['wasm', 'cpu', 'webgl'].includes(args.backend)) fail(`--backend must be wasm, cpu or webgl; got ${args.backend}`);
if (!['tiny', 'ssd'].includes(args.detector)) fail(`--detector must be tiny or ssd; got ${args.detector}`);
if (!['full', 'tiny'].includes(args.landmarks)) fail(`--landmarks must be full or tiny; got ${args.landmarks}`);

const media = resolve(args.video ?? args.image);
const key = fileKey(media);
const params = {
  kind: args.video ? 'video' : 'image',
  file: key,
  backend: args.backend,
  options: {
    detector: args.detector,
    inputSize: Number(args['input-size']),
    scoreThreshold: Number(args['score-threshold']),
    maxFaces: Number(args['max-faces']),
    withLandmarks: args.landmarks,
    smoothing: Number(args.smoothing),
  },
  fps: Number(args.fps),
  maxFrames: args['max-frames'] ? Number(args['max-frames']) : null,
  repeats: Math.max(1, Number(args.repeats)),
  loadRounds: Math.max(1, Number(args['load-rounds'])),
};

const result = await runInChromium({ page: 'bench/pages/face.html', params, files: { [key]: media } });
await writeFile(resolve(args.out), `${JSON.stringify(result, null, 2)}\n`);
const { msPerFrame, loadMs, overhead, frames } = result;
console.error(
  `[bench:face] ${frames.length} frames on ${result.backend}: hook ${msPerFrame.hook.toFixed(1)} ms/frame, bare ${msPerFrame.bare.toFixed(1)} ms/frame ` +
    `(overhead ${(overhead * 100).toFixed(1)}%); cold load median hook ${loadMs.hook.toFixed(0)} ms, bare ${loadMs.bare.toFixed(0)} ms (hook/bare ${loadMs.ratio.toFixed(2)}) -> ${args.out}`,
);
