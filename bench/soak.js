#!/usr/bin/env node
// Soak bench (not in CI: it takes minutes). usePose and useFaceInfo run together on Chromium's fake
// camera (public/fixtures/pose/pose_1.mp4 looping as a y4m) in one React page for --minutes; every
// --interval seconds the page samples the JS heap after a full GC, tf.memory() (tensors and bytes),
// the camera tracks still live, the frames the camera presented and each model's processed and
// dropped frames. Prints a table,
// writes the samples as JSON, and says for each measure whether it stayed flat (last third of the
// run against the first third).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { cliArgs, root, runInChromium, usageError } from './lib/harness.js';
import { fakeCameraClip } from './lib/chromium.js';

const usage = `usage: node bench/soak.js [--minutes 10] [--interval 10] [--backend wasm|cpu|webgl|auto]
  [--face-detector ssd|tiny] [--out bench/results/soak.json]

  --minutes        how long pose and face run together (default 10)
  --interval       seconds between samples (default 10)
  --backend        the TF.js backend (default wasm, this machine's automatic choice)
  --face-detector  ssd finds the small face of the fixture's full-body shot; tiny is cheaper (default ssd)
Exit code 1 when a measure is not flat.`;

const args = cliArgs(usage, {
  minutes: { type: 'string', default: '10' },
  interval: { type: 'string', default: '10' },
  backend: { type: 'string', default: 'wasm' },
  'face-detector': { type: 'string', default: 'ssd' },
  out: { type: 'string', default: 'bench/results/soak.json' },
});

/** @param {string} message */
const die = (message) => usageError(message, usage);

const minutes = Number(args.minutes);
const intervalS = Number(args.interval);
if (!(minutes > 0)) die(`--minutes must be a number > 0; got ${args.minutes}`);
if (!(intervalS >= 1)) die(`--interval must be a number of seconds >= 1; got ${args.interval}`);
if (!['wasm', 'cpu', 'webgl', 'auto'].includes(args.backend)) die(`--backend must be wasm, cpu, webgl or auto; got ${args.backend}`);
if (!['ssd', 'tiny'].includes(args['face-detector'])) die(`--face-detector must be ssd or tiny; got ${args['face-detector']}`);

const face = { detector: args['face-detector'], withLandmarks: 'tiny', withExpressions: true, withAgeAndGender: true };
const result = await runInChromium({
  page: 'bench/pages/soak.html',
  params: { minutes, intervalS, backend: args.backend, face },
  fakeCamera: fakeCameraClip(),
  // Exact heap numbers (Chromium otherwise rounds them and refreshes them every 20 minutes) and a
  // gc() to call before each sample, so the heap measured is what is retained, not garbage.
  chromiumArgs: ['--enable-precise-memory-info', '--js-flags=--expose-gc'],
  timeoutMs: (minutes * 60 + 300) * 1000,
  log: (line) => process.stderr.write(`${line}\n`),
});

const { samples } = result;

/**
 * Per-interval rates from cumulative counters: frames per second, and the share of the camera's
 * frames the model did not process. That share counts both the frames the loop offered while the
 * model was busy (`droppedFrames`) and those never offered because inference held the main thread
 * when they were presented (wasm runs synchronously), which the loop cannot see.
 */
function rates(key) {
  return samples.map((s, i) => {
    if (i === 0) return { fps: NaN, dropShare: NaN };
    const prev = samples[i - 1];
    const processed = s[key].processed - prev[key].processed;
    const presented = s.presented - prev.presented;
    const seconds = s.t - prev.t || 1;
    return { fps: processed / seconds, dropShare: presented > 0 ? Math.max(0, presented - processed) / presented : 0 };
  });
}
const poseRates = rates('pose');
const faceRates = rates('face');

const thirds = (values) => {
  const v = values.filter((x) => Number.isFinite(x));
  const n = Math.max(1, Math.floor(v.length / 3));
  return [v.slice(0, n), v.slice(-n)];
};
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const max = (v) => Math.max(...v);

/** Each measure, first third against last third, with the rule that makes it flat. */
function verdicts() {
  const out = [];
  const add = (measure, values, rule, describe) => {
    const [first, last] = thirds(values);
    out.push({ measure, first: describe(first), last: describe(last), flat: rule(first, last) });
  };
  const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
  // Tensors are exact: the same models and at most a frame or two in flight.
  add('numTensors (max)', samples.map((s) => s.numTensors), (a, b) => max(b) <= max(a) + 2, (v) => String(max(v)));
  // The retained heap may wander a little (JIT code, caches); a leak grows past this.
  if (samples.every((s) => s.heapMB !== null)) {
    add('heap MB after GC (mean)', samples.map((s) => s.heapMB), (a, b) => mean(b) <= mean(a) + Math.max(2, mean(a) * 0.05), (v) => fmt(mean(v)));
  }
  add('live camera tracks (max)', samples.map((s) => s.liveTracks), (a, b) => max(a) === 1 && max(b) === 1, (v) => String(max(v)));
  for (const [name, r] of [['pose', poseRates], ['face', faceRates]]) {
    add(`${name} fps (mean)`, r.map((x) => x.fps), (a, b) => mean(b) >= mean(a) * 0.8, (v) => fmt(mean(v)));
    add(`${name} frames missed (mean)`, r.map((x) => x.dropShare), (a, b) => mean(b) <= mean(a) + 0.05, (v) => `${fmt(mean(v) * 100, 0)}%`);
  }
  return out;
}

const checks = verdicts();
const statusesOk = samples.every((s) => s.pose.status === 'ready' && s.face.status === 'ready');
const flat = checks.every((c) => c.flat) && statusesOk;

const rows = samples.map((s, i) => [
  String(s.t),
  s.heapMB === null ? '-' : s.heapMB.toFixed(1),
  String(s.numTensors),
  s.tensorMB.toFixed(1),
  String(s.liveTracks),
  String(s.presented),
  String(s.pose.processed),
  String(s.pose.dropped),
  Number.isFinite(poseRates[i].fps) ? poseRates[i].fps.toFixed(1) : '-',
  String(s.face.processed),
  String(s.face.dropped),
  Number.isFinite(faceRates[i].fps) ? faceRates[i].fps.toFixed(1) : '-',
]);
const header = ['t (s)', 'heap MB', 'tensors', 'tensor MB', 'tracks', 'camera frames', 'pose frames', 'pose dropped', 'pose fps', 'face frames', 'face dropped', 'face fps'];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
const summary = [
  ['measure', 'first third', 'last third', 'verdict'],
  ['---', '---', '---', '---'],
  ...checks.map((c) => [c.measure, c.first, c.last, c.flat ? 'flat' : 'NOT FLAT']),
  ['model status', '', statusesOk ? 'ready throughout' : 'left ready', statusesOk ? 'flat' : 'NOT FLAT'],
]
  .map((r) => `| ${r.join(' | ')} |`)
  .join('\n');

console.log(`Soak: pose (MoveNet Lightning) + face (${face.detector}, tiny landmarks, expressions, age/gender) on ${result.backend}, ${minutes} min, a sample every ${intervalS} s\n`);
console.log(table);
console.log(`\n${summary}\n\n${flat ? 'flat' : 'NOT flat'}`);

const out = resolve(root, args.out);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, JSON.stringify({ ...result, minutes, checks, flat }, null, 2));
console.error(`wrote ${args.out}`);
process.exit(flat ? 0 : 1);
