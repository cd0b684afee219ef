// Bundle size of every public entry, as a user's bundler sees it: esbuild bundles
// `export * from '<entry>'` out of the BUILT packages (packages/*/dist, through each package.json
// `exports` map), minifies, and gzips. React and every peer dependency (the TF.js packages and
// face-api) stay external, since users install those themselves; `@webcam-ml/core` is a
// dependency of `@webcam-ml/react`, so it counts inside the react entries.
// Shared by `npm run bench` (bench/index.js) and tests/unit/size-budgets-per-entry.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every public entry: import specifier, package folder, built file under dist/. */
export const ENTRIES = [
  { entry: '@webcam-ml/core', pkg: 'core', file: 'index.js' },
  { entry: '@webcam-ml/core/runtime', pkg: 'core', file: 'runtime.js' },
  { entry: '@webcam-ml/core/pose', pkg: 'core', file: 'pose.js' },
  { entry: '@webcam-ml/core/face', pkg: 'core', file: 'face.js' },
  { entry: '@webcam-ml/core/segmentation', pkg: 'core', file: 'segmentation.js' },
  { entry: '@webcam-ml/core/hands', pkg: 'core', file: 'hands.js' },
  { entry: '@webcam-ml/core/classifier', pkg: 'core', file: 'classifier.js' },
  { entry: '@webcam-ml/core/testing', pkg: 'core', file: 'testing.js' },
  { entry: '@webcam-ml/react', pkg: 'react', file: 'index.js' },
  { entry: '@webcam-ml/react/webcam', pkg: 'react', file: 'webcam.js' },
  { entry: '@webcam-ml/react/runtime', pkg: 'react', file: 'runtime.js' },
  { entry: '@webcam-ml/react/pose', pkg: 'react', file: 'pose.js' },
  { entry: '@webcam-ml/react/face', pkg: 'react', file: 'face.js' },
  { entry: '@webcam-ml/react/segmentation', pkg: 'react', file: 'segmentation.js' },
  { entry: '@webcam-ml/react/hands', pkg: 'react', file: 'hands.js' },
  { entry: '@webcam-ml/react/classifier', pkg: 'react', file: 'classifier.js' },
];

/** Paths of the built entry files; missing ones mean `npm run build` has not run. */
export function missingBuilds() {
  return ENTRIES.map(({ pkg, file }) => join(root, 'packages', pkg, 'dist', file)).filter((path) => !existsSync(path));
}

/**
 * What users install themselves: react, react-dom and every peer dependency of our packages,
 * each with its subpaths (`@tensorflow/tfjs-core/dist/...`, `@vladmandic/face-api/dist/...`).
 */
export function externals() {
  const names = new Set(['react', 'react-dom']);
  for (const pkg of ['core', 'react']) {
    const json = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
    for (const name of Object.keys(json.peerDependencies ?? {})) names.add(name);
  }
  // The TF.js family as a whole: face-api's no-bundle build imports `@tensorflow/tfjs/dist/...`.
  return [...names].flatMap((name) => [name, `${name}/*`]).concat('@tensorflow/*');
}

/**
 * Bundle `code` (an ES module importing our built packages) as a user's bundler would: esbuild,
 * minified, react and every peer dependency external. `entry` names the result.
 * @param {string} code
 * @param {string} [entry]
 * @returns {Promise<import('./sizes').EntrySize>}
 */
export async function measureCode(code, entry = code) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    external: externals(),
    logLevel: 'silent',
  });
  const js = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  // Modules that put at least one byte into the bundle (the metafile also lists the ones read and
  // then shaken out).
  const inputs = Object.entries(output.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([path]) => path);
  // Bare imports the bundle itself keeps (what the user's bundler will pull in next).
  const external = [...new Set(output.imports.filter((imp) => imp.external).map((imp) => imp.path))].sort();
  return { entry, minBytes: js.length, gzipBytes: gzipSync(js).length, inputs, external };
}

/**
 * What `export * from '<entry>'` adds to a bundle, from the built dist.
 * @param {string} entry
 */
export function measureEntry(entry) {
  return measureCode(`export * from '${entry}';`, entry);
}

/** Measure every public entry, in ENTRIES order. */
export async function measureAll() {
  const sizes = [];
  for (const { entry } of ENTRIES) sizes.push(await measureEntry(entry));
  return sizes;
}

/** 12345 → '12.1 kB' (1 kB = 1024 bytes). */
export function formatKB(bytes) {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
