#!/usr/bin/env node
// npm run example:build: packs the packages into dist-packs/, then builds examples/vite-app the way
// its README says (install from the tarballs, copy the weights, vite build) into
// examples/vite-app/dist. npm run example: the same, then serves it (vite preview).
// tests/e2e/example-app.test.ts runs buildExample on a copy of the app in a temporary folder.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pack, root } from './pack.mjs';

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

/**
 * Install the app's dependencies (its package.json names the tarballs; npm's cache first, the
 * registry only for what it lacks), copy its weights (`npm run models`) and build it.
 * @param {string} app the app's folder
 */
export function buildExample(app) {
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', '--loglevel=error'], app);
  run('npm', ['run', '--silent', 'models'], app);
  run('npx', ['vite', 'build', '--logLevel', 'warn'], app);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const app = join(root, 'examples/vite-app');
  pack(join(root, 'dist-packs'));
  buildExample(app);
  console.log(`example: built ${join(app, 'dist')}`);
  if (process.argv.includes('--serve')) run('npx', ['vite', 'preview', '--port', '4173', '--strictPort'], app);
}
