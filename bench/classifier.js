#!/usr/bin/env node
// npm run bench:classifier -- --video <path> --classes "A:0-59,B:60-119" --train-every 3 --features image|pose
//   [--backend wasm|cpu] [--test-from <frame>] [--augment on|off] --out <file.json>
// In headless Chromium, through useTrainableClassifier's own code path, frames stepped one by one:
// within each class's frame range, frames whose index is a multiple of --train-every are training
// examples (addExample) and the rest are tests (classify). Writes
// { accuracy, nTrain, nTest, msPerFrame: { embed, classify }, overhead, loadMs: { hook, bare, ratio }, load, backend, features, extractor }.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cliArgs, fileKey, runInChromium, usageError } from './lib/harness.js';

const usage = `Usage: npm run bench:classifier -- --video <path> --classes "A:0-59,B:60-119" --out <file.json>
  [--train-every <n>]        frames whose index is a multiple of n train, the rest test (default 3)
  [--test-from <frame>]      temporal split: within each class range, frames from <frame> frames after its start
                             on are tests, only earlier ones train (every n-th of them); default: interleaved ("lookup")
  [--augment on|off]         augmented copies of each example while learning (default on, the classifier's default)
  [--features image|pose|face]  feature extractor (default image)
  [--backend wasm|cpu|webgl]    TF.js backend (default wasm)
  [--k <n>]                  neighbours that vote (default 5)
  [--threshold <x>]          below this confidence a prediction is 'unknown', counted wrong (default 0: the best class)
  [--min-examples <n>]       examples a class needs to vote (default 1)
  [--repeats <n>]            timed pairs (bare embedding, hook classify) per test frame (default 2)
  [--fps <n>]                frame rate used to number frames (default: the video's, from ffprobe, else 30)
  [--load-rounds <n>]        cold load rounds (fresh no-store model URLs), hook and bare alternating; image features only (default 6)`;

const args = cliArgs(usage, {
  video: { type: 'string' },
  classes: { type: 'string' },
  'train-every': { type: 'string', default: '3' },
  'test-from': { type: 'string' },
  augment: { type: 'string', default: 'on' },
  features: { type: 'string', default: 'image' },
  backend: { type: 'string', default: 'wasm' },
  k: { type: 'string', default: '5' },
  fps: { type: 'string' },
  repeats: { type: 'string', default: '2' },
  threshold: { type: 'string', default: '0' },
  'min-examples': { type: 'string', default: '1' },
  'load-rounds': { type: 'string', default: '6' },
  out: { type: 'string' },
});

/** @param {string} message */
const die = (message) => usageError(message, usage);

if (!args.video) die('--video is required');
if (!args.classes) die('--classes is required');
if (!args.out) die('--out is required');
if (!/^\s*[^:,]+:\d+-\d+\s*(,\s*[^:,]+:\d+-\d+\s*)*$/.test(args.classes)) die(`--classes must look like "A:0-59,B:60-119"; got ${args.classes}`);
const trainEvery = Number(args['train-every']);
if (!Number.isInteger(trainEvery) || trainEvery < 1) die(`--train-every must be a positive integer; got ${args['train-every']}`);
if (!['image', 'pose', 'face'].includes(args.features)) die(`--features must be image, pose or face; got ${args.features}`);
if (!['wasm', 'cpu', 'webgl'].includes(args.backend)) die(`--backend must be wasm, cpu or webgl; got ${args.backend}`);
const testFrom = args['test-from'] === undefined ? null : Number(args['test-from']);
if (testFrom !== null && (!Number.isInteger(testFrom) || testFrom < 1)) die(`--test-from must be a positive integer (frames after each range's start); got ${args['test-from']}`);
if (!['on', 'off'].includes(args.augment)) die(`--augment must be on or off; got ${args.augment}`);
const repeats = Number(args.repeats);
if (!Number.isInteger(repeats) || repeats < 1) die(`--repeats must be a positive integer; got ${args.repeats}`);
const threshold = Number(args.threshold);
if (!(threshold >= 0 && threshold <= 1)) die(`--threshold must be a number from 0 to 1; got ${args.threshold}`);
const minExamples = Number(args['min-examples']);
if (!Number.isInteger(minExamples) || minExamples < 1) die(`--min-examples must be a positive integer; got ${args['min-examples']}`);
const loadRounds = Number(args['load-rounds']);
if (!Number.isInteger(loadRounds) || loadRounds < 1) die(`--load-rounds must be a positive integer; got ${args['load-rounds']}`);
const k = Number(args.k);
if (!Number.isInteger(k) || k < 1) die(`--k must be a positive integer; got ${args.k}`);

/** The video's frame rate from ffprobe (frames are numbered at this rate), or 30. */
function videoFps(path) {
  try {
    const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=avg_frame_rate,r_frame_rate', '-of', 'json', path], { encoding: 'utf8' });
    const stream = JSON.parse(out).streams?.[0] ?? {};
    for (const rate of [stream.avg_frame_rate, stream.r_frame_rate]) {
      const [n, d] = String(rate ?? '').split('/').map(Number);
      if (n > 0 && d > 0) return n / d;
    }
  } catch {
    // No ffprobe: fall back to 30 fps below.
  }
  return 30;
}

const video = resolve(args.video);
const fps = args.fps ? Number(args.fps) : videoFps(video);
if (!(fps > 0)) die(`--fps must be a positive number; got ${args.fps}`);
const key = fileKey(video);
const result = await runInChromium({
  page: 'bench/pages/classifier.html',
  params: { video: key, classes: args.classes, trainEvery, testFrom, augment: args.augment === 'on', features: args.features, backend: args.backend, fps, k, repeats, threshold, minExamples, loadRounds },
  files: { [key]: video },
});
await writeFile(resolve(args.out), `${JSON.stringify(result, null, 2)}\n`);
const { embed, classify } = result.msPerFrame;
console.error(
  `bench:classifier ${args.features} on ${result.backend} (${testFrom === null ? 'interleaved: lookup' : `temporal, tests from +${testFrom}`}, augment ${args.augment}): accuracy ${(result.accuracy * 100).toFixed(1)}% ` +
    `(${result.nTrain} train, ${result.nTest} test); embed ${embed.toFixed(2)} ms, classify ${classify.toFixed(3)} ms per frame; ` +
    `whole classify() ${result.overhead.classifyFrameMs.toFixed(2)} ms vs bare embedding ${result.overhead.bareEmbedMs.toFixed(2)} ms ` +
    `(${(result.overhead.ratio * 100).toFixed(1)}%)` +
    (result.loadMs ? `; cold load median hook ${result.loadMs.hook} ms, bare ${result.loadMs.bare} ms (hook/bare ${result.loadMs.ratio.toFixed(2)})` : '') +
    ` -> ${args.out}`,
);
