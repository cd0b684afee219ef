#!/usr/bin/env node
// npm run bench [-- --quick] [--webgl] [--backends wasm,cpu] [--out bench/results/bench.json]
// One command, one table: for pose, face and classifier, ms per frame of our hook against the bare
// library on each backend (the per-widget CLIs bench/pose.js, bench/face.js, bench/classifier.js,
// each alternating hook and bare on the same frames; medians), cold load times (hook and bare
// alternating, each load on a fresh no-store URL; medians), weight bytes (from
// public/models/manifest.json) and min+gzip bundle sizes of every public entry (bench/lib/sizes.js,
// out of the built packages). Writes the JSON and draws the chart beside it (bench/results/, not
// tracked); `--chart` redraws the tracked docs/benchmark-chart.svg instead.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { cliArgs, root, usageError } from './lib/harness.js';
import { ENTRIES, formatKB, measureAll, missingBuilds } from './lib/sizes.js';
import { chartDestination, renderChart } from './lib/chart.js';

const usage = `Usage: npm run bench -- [options]
  [--quick]                 a few minutes: wasm only, fewer frames and passes
  [--backends <list>]       comma-separated from wasm,cpu,webgl (default wasm,cpu; --quick: wasm)
  [--webgl]                 add webgl (SwiftShader without a GPU: slow, not representative)
  [--only <list>]           run only some of pose,face,classifier,sizes,ux (default all; ux: main thread vs worker, bench/ux.js)
  [--pose-video <path>]     default public/fixtures/pose/pose_1.mp4
  [--face <path>]           an image or video (default public/fixtures/face/faces.jpg)
  [--classifier-video <p>]  default public/fixtures/pose/pose_1.mp4
  [--build]                 run \`npm run build\` first (done anyway when packages/*/dist is missing)
  [--out <file.json>]       default bench/results/bench.json
  [--chart]                 redraw the tracked docs/benchmark-chart.svg (default: the chart goes
                            beside the JSON, bench/results/benchmark-chart.svg, untracked)
  [--verbose]               pass the CLIs' own logs through to stderr`;

const args = cliArgs(usage, {
  quick: { type: 'boolean', default: false },
  backends: { type: 'string' },
  webgl: { type: 'boolean', default: false },
  only: { type: 'string', default: 'pose,face,classifier,sizes,ux' },
  'pose-video': { type: 'string', default: 'public/fixtures/pose/pose_1.mp4' },
  face: { type: 'string', default: 'public/fixtures/face/faces.jpg' },
  'classifier-video': { type: 'string', default: 'public/fixtures/pose/pose_1.mp4' },
  build: { type: 'boolean', default: false },
  out: { type: 'string', default: 'bench/results/bench.json' },
  chart: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
});

/** @param {string} message */
const die = (message) => usageError(message, usage);

const backends = (args.backends ?? (args.quick ? 'wasm' : 'wasm,cpu')).split(',').map((b) => b.trim()).filter(Boolean);
if (args.webgl && !backends.includes('webgl')) backends.push('webgl');
const badBackend = backends.filter((b) => !['wasm', 'cpu', 'webgl'].includes(b));
if (badBackend.length || !backends.length) die(`--backends takes wasm, cpu and webgl; got ${args.backends}`);
const only = new Set(args.only.split(',').map((s) => s.trim()));
const badOnly = [...only].filter((s) => !['pose', 'face', 'classifier', 'sizes', 'ux'].includes(s));
if (badOnly.length) die(`--only takes pose, face, classifier, sizes and ux; got ${badOnly.join(', ')}`);
for (const flag of ['pose-video', 'face', 'classifier-video']) {
  if (!existsSync(resolve(root, args[flag]))) die(`--${flag}: file not found: ${args[flag]}`);
}
const faceIsVideo = /\.(mp4|webm|mov)$/i.test(args.face);

/**
 * How much work each CLI does. wasm is fast enough for every frame of the 4-second clip; cpu (and
 * SwiftShader webgl) take 1-2 s per pose frame on a small machine, so they get a short slice.
 * Every setting still alternates hook and bare frame by frame; the table quotes medians.
 */
function effort(backend) {
  const slow = backend !== 'wasm';
  if (args.quick) return { poseFrames: 60, poseRuns: 1, faceRepeats: 2, faceFrames: 5, classes: 'A:0-29,B:60-89', classifierRepeats: 1, loadRounds: 6 };
  if (slow) return { poseFrames: 10, poseRuns: 1, faceRepeats: 1, faceFrames: 5, classes: 'A:0-11,B:60-71', classifierRepeats: 1, loadRounds: 4 };
  return { poseFrames: 120, poseRuns: 2, faceRepeats: 3, faceFrames: 5, classes: 'A:0-29,B:60-89', classifierRepeats: 2, loadRounds: 8 };
}

/** What each widget downloads in the configuration benched here (prefixes of manifest paths). */
const WEIGHTS = {
  pose: { label: 'pose (MoveNet Lightning)', entry: '@webcam-ml/react/pose', files: ['pose/movenet-lightning.'] },
  face: {
    label: 'face (tiny detector, 68 landmarks, expressions, age/gender)',
    entry: '@webcam-ml/react/face',
    files: ['face/tiny_face_detector_model', 'face/face_landmark_68_model', 'face/face_expression_model', 'face/age_gender_model'],
  },
  classifier: { label: 'classifier (MobileNetV2 image features + KNN)', entry: '@webcam-ml/react/classifier', files: ['classifier/mobilenet-v2/'] },
};
const SHORT = { pose: 'pose', face: 'face', classifier: 'classifier' };

const resultsDir = resolve(root, dirname(args.out));
const logDir = join(resultsDir, 'logs');
const tmpDir = join(resultsDir, 'runs');

/** Run one bench CLI in Node; its logs go to bench/results/logs/<name>.log (and stderr with --verbose). */
function runCli(name, script, cliArgsList) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(root, script), ...cliArgsList], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const collect = (chunk) => {
      log += chunk;
      if (args.verbose) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', async (code) => {
      await writeFile(join(logDir, `${name}.log`), log);
      resolvePromise({ ok: code === 0, seconds: Math.round((Date.now() - started) / 1000), log });
    });
  });
}

/** Run a CLI that writes `--out <json>`; resolves with the parsed JSON or an `{ error }`. */
async function runJson(name, script, cliArgsList) {
  const out = join(tmpDir, `${name}.json`);
  process.stderr.write(`[bench] ${name} ...`);
  const { ok, seconds, log } = await runCli(name, script, [...cliArgsList, '--out', out]);
  if (!ok || !existsSync(out)) {
    const tail = log.trim().split('\n').slice(-3).join(' | ');
    process.stderr.write(` failed after ${seconds} s (${relative(root, join(logDir, `${name}.log`))}): ${tail}\n`);
    return { error: tail || 'failed', seconds };
  }
  process.stderr.write(` ${seconds} s\n`);
  return { ...JSON.parse(readFileSync(out, 'utf8')), seconds };
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A CLI's cold load medians (bench/lib/page.ts compareLoads): hook, bare, hook/bare and the rounds. */
function loadOf(r) {
  return { loadHook: num(r.loadMs?.hook), loadBare: num(r.loadMs?.bare), loadRatio: num(r.loadMs?.ratio), loadRounds: r.load?.rounds ?? null };
}

/** The pose CLI's result as a row: medians (its msPerFrame holds means). */
function poseRow(r) {
  const median = r.meta?.medianMsPerFrame ?? r.msPerFrame;
  return { hook: num(median?.hook), bare: num(median?.bare), ...loadOf(r), samples: r.meta ? r.meta.framesPerPass * r.meta.runs : null };
}
/** The face CLI's result as a row (msPerFrame are medians). */
function faceRow(r) {
  return { hook: num(r.msPerFrame?.hook), bare: num(r.msPerFrame?.bare), ...loadOf(r), samples: r.samples?.hook ?? null };
}
/** The classifier CLI's result as a row: the hook's whole classify() against the bare MobileNet embedding (medians). */
function classifierRow(r) {
  return {
    hook: num(r.overhead?.classifyFrameMs),
    bare: num(r.overhead?.bareEmbedMs),
    ...loadOf(r),
    samples: r.nTest ?? null,
    accuracy: num(r.accuracy),
    knnMs: num(r.msPerFrame?.classify),
  };
}

async function benchWidgets() {
  const rows = [];
  const raw = {};
  for (const backend of backends) {
    const e = effort(backend);
    if (only.has('pose')) {
      const r = await runJson(`pose-${backend}`, 'bench/pose.js', ['--video', args['pose-video'], '--backend', backend, '--runs', String(e.poseRuns), '--frames', String(e.poseFrames), '--load-rounds', String(e.loadRounds)]);
      raw[`pose-${backend}`] = r;
      rows.push({ widget: 'pose', backend, error: r.error ?? null, ...(r.error ? {} : poseRow(r)) });
    }
    if (only.has('face')) {
      const media = faceIsVideo ? ['--video', args.face, '--max-frames', String(e.faceFrames)] : ['--image', args.face];
      const r = await runJson(`face-${backend}`, 'bench/face.js', [...media, '--backend', backend, '--repeats', String(e.faceRepeats), '--load-rounds', String(e.loadRounds)]);
      raw[`face-${backend}`] = r;
      rows.push({ widget: 'face', backend, error: r.error ?? null, ...(r.error ? {} : faceRow(r)) });
    }
    if (only.has('classifier')) {
      const r = await runJson(`classifier-${backend}`, 'bench/classifier.js', [
        '--video', args['classifier-video'], '--classes', e.classes, '--train-every', '3', '--features', 'image', '--backend', backend, '--repeats', String(e.classifierRepeats),
        '--load-rounds', String(e.loadRounds),
      ]);
      raw[`classifier-${backend}`] = r;
      rows.push({ widget: 'classifier', backend, error: r.error ?? null, ...(r.error ? {} : classifierRow(r)) });
    }
  }
  // Drop the bulky per-frame outputs (keypoints, faces): the JSON keeps timings and metadata.
  for (const r of Object.values(raw)) delete r.frames;
  return { rows, raw };
}

/** Weight bytes per widget, from public/models/manifest.json. */
function weights() {
  const path = join(root, 'public/models/manifest.json');
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const byWidget = {};
  for (const [widget, { files }] of Object.entries(WEIGHTS)) {
    const matched = manifest.files.filter((f) => files.some((prefix) => f.file.startsWith(prefix)));
    byWidget[widget] = { bytes: matched.reduce((sum, f) => sum + f.bytes, 0), files: matched.map((f) => f.file) };
  }
  const wasm = manifest.files.filter((f) => f.file.startsWith('wasm/'));
  return { byWidget, wasmBinaries: Object.fromEntries(wasm.map((f) => [f.file, f.bytes])) };
}

async function bundleSizes() {
  if (args.build || missingBuilds().length) {
    process.stderr.write('[bench] npm run build ...');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    process.stderr.write(' done\n');
  }
  process.stderr.write('[bench] bundle sizes ...');
  const sizes = await measureAll();
  process.stderr.write(' done\n');
  return sizes.map(({ entry, minBytes, gzipBytes }) => ({ entry, minBytes, gzipBytes }));
}

function environment() {
  let chromium = null;
  let commit = null;
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not fatal: the CLIs report their own failure if Chromium is missing.
  }
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout (e.g. an unpacked tarball).
  }
  const cpu = cpus();
  return { date: new Date().toISOString(), node: process.version, chromium, cpu: `${cpu.length} x ${cpu[0]?.model ?? 'unknown'}`, memoryGB: Math.round(totalmem() / 2 ** 30), commit };
}

const ms = (v) => (v === null || v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

/** bench/ux.js for pose and face, main thread and worker alternating. */
async function benchUx() {
  const runs = [];
  for (const widget of ['pose', 'face']) {
    const r = await runJson(`ux-${widget}`, 'bench/ux.js', ['--widget', widget, '--video', args['pose-video'], '--seconds', args.quick ? '4' : '10', '--rounds', args.quick ? '1' : '2']);
    if (r.error) runs.push({ widget, error: r.error });
    else runs.push(...r.runs);
  }
  return runs;
}

/** The main thread vs worker rows (medians of the rounds per widget and executor). */
function uxTable(runs) {
  const header = ['widget', 'executor', 'camera fps', 'widget fps', 'page fps', 'main thread in long tasks', 'transfer ms/frame'];
  const groups = new Map();
  for (const r of runs) {
    const key = r.error ? `${r.widget} failed` : `${r.widget} ${r.executor}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const med = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
  const body = [...groups.values()].map((g) => {
    if (g[0].error) return [g[0].widget, 'failed', '—', '—', '—', '—', '—'];
    const m = (k) => med(g.map((r) => r[k]).filter((x) => x !== null));
    const t = m('transferMs');
    return [g[0].widget, g[0].executor, m('cameraFps').toFixed(1), m('widgetFps').toFixed(1), m('pageFps').toFixed(1), `${(m('longTaskShare') * 100).toFixed(0)} %`, t === null ? '—' : t.toFixed(1)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

/** One Markdown table: a row per widget and backend, then a row per public entry (bundle size only). */
function table(rows, weightInfo, sizes) {
  const sizeOf = (entry) => sizes?.find((s) => s.entry === entry);
  const header = ['what', 'backend', 'hook ms/frame', 'bare ms/frame', 'hook/bare', 'cold load hook / bare ms (ratio)', 'weights', 'min+gzip'];
  const body = rows.map((r) => {
    const w = WEIGHTS[r.widget];
    const size = sizeOf(w.entry);
    if (r.error) return [SHORT[r.widget], r.backend, 'failed', 'failed', '—', '—', weightInfo ? mb(weightInfo.byWidget[r.widget].bytes) : '—', size ? formatKB(size.gzipBytes) : '—'];
    const ratio = r.hook !== null && r.bare ? (r.hook / r.bare).toFixed(2) : '—';
    const load = r.loadHook === null ? '—' : `${ms(r.loadHook)} / ${ms(r.loadBare)} (${r.loadRatio === null ? '—' : r.loadRatio.toFixed(2)})`;
    return [SHORT[r.widget], r.backend, ms(r.hook), ms(r.bare), ratio, load, weightInfo ? mb(weightInfo.byWidget[r.widget].bytes) : '—', size ? `${formatKB(size.gzipBytes)} (${w.entry.replace('@webcam-ml/', '')})` : '—'];
  });
  for (const s of sizes ?? []) body.push([`\`${s.entry}\``, '', '', '', '', '', '', formatKB(s.gzipBytes)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

await mkdir(logDir, { recursive: true });
await mkdir(tmpDir, { recursive: true });
const started = Date.now();
const env = environment();
const { rows, raw } = only.has('pose') || only.has('face') || only.has('classifier') ? await benchWidgets() : { rows: [], raw: {} };
const weightInfo = weights();
const sizes = only.has('sizes') ? await bundleSizes() : null;
const ux = only.has('ux') ? await benchUx() : null;

const notes = [
  `median ms per frame; hook and bare alternate frame by frame on the same frames and backend (${args.quick ? 'quick run' : 'full run'})`,
  `pose: ${args['pose-video']}; face: ${args.face}; classifier: ${args['classifier-video']}, hook = classify() (embedding + KNN), bare = MobileNetV2 embedding alone`,
  `cold load: median ms from mount (bare: the library's own loader) to ready (download, decode, the hook's blank warm-up done by both sides too), backend already initialised; ` +
    `after one untimed round, rounds (${backends.map((b) => `${effort(b).loadRounds} on ${b}`).join(', ')}) alternate which loads first, each load from a URL of its own served no-store (/cold-<round>-hook|bare/models/), so nothing comes from the HTTP cache; rerun: npm run bench -- --quick --only pose,face,classifier (breakdown: docs/benchmarks.md)`,
  'weights: bytes the widget downloads (public/models/manifest.json); the wasm backend adds one .wasm binary of ' +
    (weightInfo ? Object.values(weightInfo.wasmBinaries).map(mb).join(' / ') : '?'),
  'min+gzip: esbuild bundle of `export * from <entry>` out of packages/*/dist, react and peer deps (TF.js, face-api) external',
];
const tableText = table(rows, weightInfo, sizes);
console.log(tableText);
console.log('');
const uxText = ux ? uxTable(ux) : null;
if (uxText) {
  console.log(uxText);
  console.log('');
  notes.push(
    `main thread vs worker (bench/ux.js, wasm, the fake camera playing ${args['pose-video']}, ${args.quick ? '1 round of 4 s' : '2 rounds of 10 s'} per executor, alternating): ` +
      'camera, widget and page (rAF) fps, long-task share of the main thread, createImageBitmap + postMessage ms per frame; rerun: npm run bench:ux -- --widget pose|face',
  );
}
for (const n of notes) console.log(`- ${n}`);
console.log(`- ${env.cpu}, ${env.memoryGB} GB, ${env.chromium ?? 'chromium ?'}, node ${env.node}; ${Math.round((Date.now() - started) / 1000)} s`);

const json = {
  environment: env,
  quick: args.quick,
  backends,
  inputs: { pose: args['pose-video'], face: args.face, classifier: args['classifier-video'] },
  widgets: rows.map((r) => ({ ...r, label: WEIGHTS[r.widget].label, weightBytes: weightInfo?.byWidget[r.widget].bytes ?? null })),
  weights: weightInfo,
  bundleSizes: sizes,
  ux,
  entries: ENTRIES.map((e) => e.entry),
  raw,
  table: tableText,
  notes,
};
const outPath = resolve(root, args.out);
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, `${JSON.stringify(json, null, 2)}\n`);
process.stderr.write(`[bench] wrote ${relative(root, outPath)}`);
if (rows.length) {
  const chartPath = chartDestination(root, args);
  const chartRows = rows.map((r) => ({ widget: r.widget, label: SHORT[r.widget], backend: r.backend, hook: r.hook ?? null, bare: r.bare ?? null }));
  const browser = /Chromium [\d.]+/.exec(env.chromium ?? '')?.[0] ?? 'Chromium';
  const footnote = `${env.date.slice(0, 10)} · ${env.cpu} · ${browser} · ${args.quick ? 'npm run bench -- --quick' : 'npm run bench'}`;
  await mkdir(dirname(chartPath), { recursive: true });
  await writeFile(chartPath, renderChart(chartRows, { footnote }));
  process.stderr.write(` and ${relative(root, chartPath)}`);
}
process.stderr.write('\n');
if (rows.some((r) => r.error)) process.exitCode = 1;
