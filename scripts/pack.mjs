#!/usr/bin/env node
// npm run pack [-- <dir>] [--no-build]: builds the packages and writes the three tarballs an app
// installs today (the packages are not on the npm registry yet) into dist-packs/ (gitignored),
// exactly as `npm pack` makes them for `npm publish`. Prints each tarball's path and size.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
/** The packages, in the order an app installs them. */
export const PACKAGES = ['core', 'react', 'models'];

/**
 * Build (unless `build` is false) and pack every package into `out`, emptied first.
 * @param {string} out
 * @param {{ build?: boolean }} [options]
 * @returns {string[]} the tarballs' paths, in PACKAGES order
 */
export function pack(out, { build = true } = {}) {
  // A clean clone has no build tools yet: install the locked ones first, as scripts/setup.sh does.
  if (build && !existsSync(join(root, 'node_modules/.bin/rollup'))) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (build) {
    try {
      // Rollup reports progress on stderr: shown only when the build fails.
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      process.stderr.write(error.stderr ?? '');
      throw error;
    }
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  return PACKAGES.map((name) => {
    const json = execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: join(root, 'packages', name), encoding: 'utf8' });
    return join(out, JSON.parse(json)[0].filename);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = resolve(root, args.find((a) => !a.startsWith('--')) ?? 'dist-packs');
  for (const file of pack(out, { build: !args.includes('--no-build') })) console.log(`${file}  ${(statSync(file).size / 1e3).toFixed(0)} kB`);
}
