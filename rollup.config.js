// Builds every package: ESM + bundled .d.ts per public entry; every bare import stays external
// (react, TF.js, the model libraries and our own packages are peers or dependencies, never inlined).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { build as esbuildBuild } from 'esbuild';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

/** Entries per package: output name → source file. Mirrors each package.json `exports` map. */
const packages = {
  core: {
    index: 'src/index.ts',
    runtime: 'src/entries/runtime.ts',
    pose: 'src/entries/pose.ts',
    face: 'src/entries/face.ts',
    segmentation: 'src/entries/segmentation.ts',
    hands: 'src/entries/hands.ts',
    classifier: 'src/entries/classifier.ts',
    testing: 'src/entries/testing.ts',
  },
  react: {
    index: 'src/index.ts',
    webcam: 'src/entries/webcam.ts',
    runtime: 'src/entries/runtime.ts',
    pose: 'src/entries/pose.ts',
    face: 'src/entries/face.ts',
    segmentation: 'src/entries/segmentation.ts',
    hands: 'src/entries/hands.ts',
    classifier: 'src/entries/classifier.ts',
  },
};

const require = createRequire(import.meta.url);

/**
 * pose-detection's ESM bundle statically imports `{ Pose }` from `@mediapipe/pose`, a script that
 * exports nothing, which breaks every Rollup-based bundler (tensorflow/tfjs-models#950). So the
 * core package carries pose-detection inside its build (Apache-2.0, ~70 kB), with the MediaPipe
 * runtime replaced by our shim: users install neither package nor configure an alias.
 */
const inlined = new Set(['@tensorflow-models/pose-detection', '@mediapipe/pose']);
const poseDetectionDir = dirname(require.resolve('@tensorflow-models/pose-detection/package.json'));
const inlinePoseDetection = {
  name: 'inline-pose-detection',
  resolveId(id) {
    if (id === '@tensorflow-models/pose-detection') return join(poseDetectionDir, 'dist/pose-detection.esm.js');
    if (id === '@mediapipe/pose') return join(process.cwd(), 'packages/core/src/pose/mediapipePoseShim.ts');
    return null;
  },
};

/**
 * The executor's module worker (packages/core/src/executor/executorWorker.ts) as one
 * self-contained file, dist/executorWorker.js: its own TF.js, backends, pose-detection and
 * face-api bundled in, because a worker shares no module with the page. The chunk that starts it
 * (startWorker.ts, `new Worker(new URL('./executorWorker.ts', import.meta.url))`) is rewritten to
 * point at it, in the same `new URL` form Vite and webpack 5 recognise; the models CLI copies the
 * same file next to the weights for `workerUrl`.
 */
/** The folder beside dist/executorWorker.js its chunks are in (the models CLI copies it with the same name). */
const WORKER_CHUNKS = 'webcam-ml-worker-chunks';

const executorWorker = {
  name: 'executor-worker',
  renderChunk(code, chunk) {
    const pattern = /new URL\((['"])\.\/executorWorker\.ts\1,\s*import\.meta\.url\)/g;
    if (!pattern.test(code)) return null;
    const up = relative(dirname(chunk.fileName), '.').split('\\').join('/');
    const target = `${up ? `${up}/` : './'}executorWorker.js`;
    return { code: code.replace(pattern, `new URL('${target}', import.meta.url)`), map: null };
  },
  async writeBundle() {
    await rm(`packages/core/dist/${WORKER_CHUNKS}`, { recursive: true, force: true });
    await esbuildBuild({
      entryPoints: ['packages/core/src/executor/executorWorker.ts'],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      legalComments: 'eof',
      // Split: the entry holds only what every worker runs (the host, TF.js core); each task kind
      // and backend is a chunk in WORKER_CHUNKS, fetched when its first task opens, so a worker
      // parses a fraction of the code before its first message.
      splitting: true,
      outdir: 'packages/core/dist',
      entryNames: 'executorWorker',
      chunkNames: `${WORKER_CHUNKS}/[name]-[hash]`,
      alias: { '@mediapipe/pose': join(process.cwd(), 'packages/core/src/pose/mediapipePoseShim.ts') },
      logLevel: 'warning',
    });
    // The worker bundle holds startWorker's `new URL('./executorWorker.ts', import.meta.url)` too
    // (never run inside a worker): an app's bundler would take it for a worker entry to build and
    // fail on the .ts path, so it is written in a form no bundler follows.
    const chunks = await readdir(`packages/core/dist/${WORKER_CHUNKS}`);
    for (const file of ['packages/core/dist/executorWorker.js', ...chunks.map((c) => `packages/core/dist/${WORKER_CHUNKS}/${c}`)]) {
      const code = await readFile(file, 'utf8');
      await writeFile(file, code.replace(/new URL\((['"])\.\/executorWorker\.ts\1,\s*import\.meta\.url\)/g, 'new URL("./executorWorker.js",self.location.href)'));
    }
  },
};

const external = (id) => !inlined.has(id) && !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

function inputs(name) {
  return Object.fromEntries(Object.entries(packages[name]).map(([out, src]) => [out, `packages/${name}/${src}`]));
}

function js(name) {
  return {
    input: inputs(name),
    external,
    plugins: [
      inlinePoseDetection,
      esbuild({ target: 'es2022', jsx: 'automatic', tsconfig: 'tsconfig.json', sourceMap: true }),
      ...(name === 'core' ? [executorWorker] : []),
    ],
    output: {
      dir: `packages/${name}/dist`,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    treeshake: { moduleSideEffects: false },
  };
}

function types(name) {
  return {
    input: inputs(name),
    external,
    plugins: [dts({ tsconfig: 'tsconfig.build.json' })],
    output: { dir: `packages/${name}/dist`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  };
}

export default Object.keys(packages).flatMap((name) => [js(name), types(name)]);
