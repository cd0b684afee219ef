#!/usr/bin/env node
// npm run bench:backends -- [--model pose/movenet-lightning.json] [--frames 20] [--backends webgpu,webgl,wasm,cpu] [--out file.json]
// Prints ms per frame of one model on each TF.js backend (through backendManager.use and the model
// cache, frames read from /fixtures/pose/pose.jpg with fromPixels + resize, results read back),
// and the backend the automatic choice picked on this device, with its reason.
import { writeFile } from 'node:fs/promises';
import { cliArgs, runInChromium } from './lib/harness.js';

const usage = `Usage: npm run bench:backends -- [options]
  [--model <path>]      model.json under public/models/ (default pose/movenet-lightning.json)
  [--frames <n>]        timed frames per backend after 2 warm-up runs (default 20)
  [--backends <list>]   comma-separated, in order (default webgpu,webgl,wasm,cpu)
  [--size <n>]          input size where the model's input is dynamic (default 224)
  [--out <file.json>]   also write the full result`;

const args = cliArgs(usage, {
  model: { type: 'string', default: 'pose/movenet-lightning.json' },
  frames: { type: 'string', default: '20' },
  backends: { type: 'string', default: 'webgpu,webgl,wasm,cpu' },
  size: { type: 'string', default: '224' },
  out: { type: 'string' },
});

const backends = args.backends.split(',').map((b) => b.trim());
const unknown = backends.filter((b) => !['webgpu', 'webgl', 'wasm', 'cpu'].includes(b));
if (unknown.length) {
  console.error(`Unknown backend ${unknown.join(', ')}; choose from webgpu, webgl, wasm, cpu\n\n${usage}`);
  process.exit(2);
}

const result = await runInChromium({
  page: 'bench/pages/backends.html',
  params: { model: args.model, frames: Number(args.frames), backends, size: Number(args.size) },
});

const rows = result.results.map((r) => [r.backend, r.msPerFrame === null ? '—' : r.msPerFrame.toFixed(1), r.loadMs === null ? '—' : String(r.loadMs), r.note]);
const header = ['backend', 'ms/frame', 'load ms', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
console.log(`${result.model}, median of ${result.frames} frames (${result.crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated'})`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`\nauto picked: ${result.auto} (selection took ${result.selectionMs} ms)\n  ${result.reason}`);
if (args.out) await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
