#!/usr/bin/env node
// npm run bench:hands -- (--video <path> | --image <path>) [--backend wasm|cpu|webgl] [--model lite|full] --out <file.json>
// Runs useHands in a React page (the hook's own engine: tracking on a video, MediaPipe's scheme)
// and bare Human's hand pipeline (same model files, detector on every frame) on the same frames,
// each seeked at 25 fps timestamps, same backend, alternating which runs first, in headless
// Chromium; then the hook's engine again with the tracking off (detector on every frame). Writes
// { frames: [{ hands: [{ handedness, score, keypoints: [{ name, x, y }], gestures: [{ name, score }] }] }],
//   msPerFrame: { hook, bare }, meta } (source pixels, unmirrored).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cliArgs, fileKey, positiveInt, runInChromium, usageError } from './lib/harness.js';

const usage = `Usage: npm run bench:hands -- (--video <path> | --image <path>) --out <file.json>
  [--backend wasm|cpu|webgl]   TF.js backend (default wasm)
  [--model lite|full]          landmark model (default full)
  [--detector handtrack|palm]  the hook's detector (default handtrack; Human always uses handtrack)
  [--max-hands <n>]            hands tracked (default 2; 1 for the one-hand ASL video)
  [--runs <n>]                 timed passes (default 1)
  [--frames <n>]               with --video: only the first n frames (default: all)
  [--repeats <n>]              with --image: estimations per pass (default 20)`;

const args = cliArgs(usage, {
  video: { type: 'string' },
  image: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  model: { type: 'string', default: 'full' },
  detector: { type: 'string', default: 'handtrack' },
  'max-hands': { type: 'string', default: '2' },
  runs: { type: 'string', default: '1' },
  repeats: { type: 'string', default: '20' },
  frames: { type: 'string' },
  out: { type: 'string' },
});

/** @param {string} message */
const die = (message) => usageError(message, usage);

if (!args.out) die('--out is required');
if (Boolean(args.video) === Boolean(args.image)) die('give exactly one of --video and --image');
if (!['wasm', 'cpu', 'webgl'].includes(args.backend)) die(`--backend must be wasm, cpu or webgl; got ${args.backend}`);
if (!['lite', 'full'].includes(args.model)) die(`--model must be lite or full; got ${args.model}`);
if (!['handtrack', 'palm'].includes(args.detector)) die(`--detector must be handtrack or palm; got ${args.detector}`);
const runs = positiveInt(args.runs, '--runs', usage);
const imageRepeats = positiveInt(args.repeats, '--repeats', usage);
const maxHands = positiveInt(args['max-hands'], '--max-hands', usage);
const maxFrames = args.frames === undefined ? null : positiveInt(args.frames, '--frames', usage);

const media = resolve(args.video ?? args.image);
const key = fileKey(media);
const result = await runInChromium({
  page: 'bench/pages/hands.html',
  params: { [args.video ? 'video' : 'image']: key, backend: args.backend, model: args.model, detector: args.detector, maxHands, runs, imageRepeats, maxFrames },
  files: { [key]: media },
});
await writeFile(resolve(args.out), `${JSON.stringify(result)}\n`);
const { hook, bare } = result.msPerFrame;
const { detectEveryFrame } = result.meta.msPerFrame;
console.error(
  `bench:hands ${args.backend} ${args.detector} + ${args.model}: ${result.frames.length} frames; hook ${hook.toFixed(2)} ms/frame, bare ${bare.toFixed(2)} ms/frame ` +
    `(hook/bare ${(hook / bare).toFixed(2)}); detector on every frame ${detectEveryFrame.toFixed(2)} ms/frame (tracking/detect ${(hook / detectEveryFrame).toFixed(2)}); ` +
    `passes: ${JSON.stringify(result.meta.passes)} -> ${args.out}`,
);
