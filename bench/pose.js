#!/usr/bin/env node
// npm run bench:pose -- --video <path> | --image <path> [--backend wasm|cpu|webgl] [--model lightning|thunder|multipose] --out <file.json>
// Runs usePose in a React page and the bare pose-detection loop on the same frames (each frame
// seeked at 30 fps timestamps), same backend, alternating passes, in headless Chromium; writes
// { frames: [{ poses: [{ score, keypoints: [{ name, x, y, score }] }] }], msPerFrame: { hook, bare }, meta }.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cliArgs, fileKey, runInChromium, usageError } from './lib/harness.js';

const usage = `Usage: npm run bench:pose -- (--video <path> | --image <path>) --out <file.json>
  [--backend wasm|cpu|webgl]          TF.js backend (default wasm)
  [--model lightning|thunder|multipose] MoveNet variant (default lightning)
  [--runs <n>]                        timed passes of each kind, alternating (default 2)
  [--frames <n>]                      with --video: only the first n frames (default: all)
  [--repeats <n>]                     with --image: estimations per pass (default 20)
  [--load-rounds <n>]                 cold load rounds, hook and bare alternating (default 6)`;

const args = cliArgs(usage, {
  video: { type: 'string' },
  image: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  model: { type: 'string', default: 'lightning' },
  runs: { type: 'string', default: '2' },
  repeats: { type: 'string', default: '20' },
  frames: { type: 'string' },
  'load-rounds': { type: 'string', default: '6' },
  out: { type: 'string' },
});

/** @param {string} message */
const die = (message) => usageError(message, usage);

if (!args.out) die('--out is required');
if (Boolean(args.video) === Boolean(args.image)) die('give exactly one of --video and --image');
if (!['wasm', 'cpu', 'webgl'].includes(args.backend)) die(`--backend must be wasm, cpu or webgl; got ${args.backend}`);
if (!['lightning', 'thunder', 'multipose'].includes(args.model)) die(`--model must be lightning, thunder or multipose; got ${args.model}`);
const runs = Number(args.runs);
const imageRepeats = Number(args.repeats);
if (!Number.isInteger(runs) || runs < 1) die(`--runs must be a positive integer; got ${args.runs}`);
if (!Number.isInteger(imageRepeats) || imageRepeats < 1) die(`--repeats must be a positive integer; got ${args.repeats}`);
const loadRounds = Number(args['load-rounds']);
if (!Number.isInteger(loadRounds) || loadRounds < 1) die(`--load-rounds must be a positive integer; got ${args['load-rounds']}`);
const maxFrames = args.frames === undefined ? null : Number(args.frames);
if (maxFrames !== null && (!Number.isInteger(maxFrames) || maxFrames < 1)) die(`--frames must be a positive integer; got ${args.frames}`);

const media = resolve(args.video ?? args.image);
const key = fileKey(media);
const result = await runInChromium({
  page: 'bench/pages/pose.html',
  params: { [args.video ? 'video' : 'image']: key, backend: args.backend, model: args.model, runs, imageRepeats, maxFrames, loadRounds },
  files: { [key]: media },
});
await writeFile(resolve(args.out), `${JSON.stringify(result)}\n`);
const { hook, bare } = result.msPerFrame;
console.error(
  `bench:pose ${args.backend} ${args.model}: ${result.frames.length} frames; hook ${hook.toFixed(2)} ms/frame, bare ${bare.toFixed(2)} ms/frame ` +
    `(${(((hook - bare) / bare) * 100).toFixed(1)}% overhead); cold load median hook ${result.loadMs.hook} ms, bare ${result.loadMs.bare} ms ` +
    `(hook/bare ${result.loadMs.ratio.toFixed(2)}) -> ${args.out}`,
);
