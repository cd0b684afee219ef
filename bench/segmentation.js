#!/usr/bin/env node
// npm run bench:segmentation -- (--video <path> | --image <path>) [--backend wasm|cpu|webgl] [--expected <png>] [--mask-out <png>] --out <file.json>
// Runs useSegmentation in a React page and the bare selfie graph model on the same frames (each
// frame seeked at 30 fps timestamps), same backend, alternating, in headless Chromium; then the
// compositor (blur) on each mask. Writes
// { frames: [{ maskWidth, maskHeight, personFraction, iou }], msPerFrame: { hook, bare, composite }, meta }.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { cliArgs, fileKey, positiveInt, runInChromium, usageError } from './lib/harness.js';

const usage = `Usage: npm run bench:segmentation -- (--video <path> | --image <path>) --out <file.json>
  [--backend wasm|cpu|webgl]   TF.js backend (default wasm)
  [--expected <png>]           upstream's expected mask (blue = person): adds each frame's IoU
  [--mask-out <png>]           the first frame's mask at source resolution, 8-bit grey (255 = person, unmirrored)
  [--runs <n>]                 timed passes (default 2)
  [--frames <n>]               with --video: only the first n frames (default: all)
  [--repeats <n>]              with --image: segmentations per pass (default 20)`;

const args = cliArgs(usage, {
  video: { type: 'string' },
  image: { type: 'string' },
  expected: { type: 'string' },
  'mask-out': { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  runs: { type: 'string', default: '2' },
  repeats: { type: 'string', default: '20' },
  frames: { type: 'string' },
  out: { type: 'string' },
});

/** @param {string} message */
const die = (message) => usageError(message, usage);

if (!args.out) die('--out is required');
if (Boolean(args.video) === Boolean(args.image)) die('give exactly one of --video and --image');
if (!['wasm', 'cpu', 'webgl'].includes(args.backend)) die(`--backend must be wasm, cpu or webgl; got ${args.backend}`);
const runs = positiveInt(args.runs, '--runs', usage);
const imageRepeats = positiveInt(args.repeats, '--repeats', usage);
const maxFrames = args.frames === undefined ? null : positiveInt(args.frames, '--frames', usage);

/** An 8-bit greyscale PNG (colour type 0) of `data`, one byte per pixel. */
function greyPng(width, height, data) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, body) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const tb = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(tb));
    return Buffer.concat([len, tb, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = data[y * width + x];
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const media = resolve(args.video ?? args.image);
const key = fileKey(media);
const files = { [key]: media };
let expectedKey;
if (args.expected) {
  expectedKey = fileKey(resolve(args.expected));
  files[expectedKey] = resolve(args.expected);
}
const result = await runInChromium({
  page: 'bench/pages/segmentation.html',
  params: { [args.video ? 'video' : 'image']: key, expected: expectedKey, backend: args.backend, runs, imageRepeats, maxFrames, maskOut: Boolean(args['mask-out']) },
  files,
});
const { maskGrey, ...json } = result;
if (args['mask-out'] && maskGrey) await writeFile(resolve(args['mask-out']), greyPng(maskGrey.width, maskGrey.height, maskGrey.data));
await writeFile(resolve(args.out), `${JSON.stringify(json)}\n`);
const { hook, bare, composite } = json.msPerFrame;
const med = json.meta.medianMsPerFrame;
const ious = json.frames.map((f) => f.iou).filter((v) => v !== null);
console.error(
  `bench:segmentation ${args.backend} (${json.meta.compositor} compositor): ${json.frames.length} frames; hook ${hook.toFixed(2)} ms, bare ${bare.toFixed(2)} ms ` +
    `(${(((hook - bare) / bare) * 100).toFixed(1)}% overhead), composite ${composite.toFixed(2)} ms; model + compositing ${(1000 / (hook + composite)).toFixed(1)} fps` +
    `; medians hook ${med.hook.toFixed(2)}, bare ${med.bare.toFixed(2)}, composite ${med.composite.toFixed(2)} ms (${(1000 / (med.hook + med.composite)).toFixed(1)} fps)` +
    `${ious.length ? `; IoU ${Math.min(...ious).toFixed(4)}` : ''} -> ${args.out}`,
);
