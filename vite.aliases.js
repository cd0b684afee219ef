import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Maps the public package names to their sources so tests, stories and benches run on `src`.
 * @type {{ find: RegExp, replacement: string }[]}
 */
export const aliases = [
  { find: /^@webcam-ml\/core$/, replacement: `${root}packages/core/src/index.ts` },
  { find: /^@webcam-ml\/core\/(.*)$/, replacement: `${root}packages/core/src/entries/$1.ts` },
  { find: /^@webcam-ml\/react$/, replacement: `${root}packages/react/src/index.ts` },
  { find: /^@webcam-ml\/react\/(.*)$/, replacement: `${root}packages/react/src/entries/$1.ts` },
  // Human's no-bundle build (the bare reference of the hands bench and parity test) imports TF.js
  // packages by their dist/index.js: the same pre-bundled instance as ours.
  { find: /^@tensorflow\/(tfjs-[a-z-]+)\/dist\/index\.js$/, replacement: '@tensorflow/$1' },
  // pose-detection imports `{ Pose }` from a script that exports nothing (see the shim's comment).
  { find: /^@mediapipe\/pose$/, replacement: `${root}packages/core/src/pose/mediapipePoseShim.ts` },
];

/**
 * Dependencies Vite pre-bundles up front, all in one pass (so TF.js stays one instance) and before
 * the first page load (so a dependency found late never reloads a running test or story).
 */
export const prebundled = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  '@tensorflow/tfjs',
  '@tensorflow-models/pose-detection',
  '@vladmandic/face-api/dist/face-api.esm-nobundle.js',
  // Teachable Machine's own library (CommonJS, on @tensorflow/tfjs): the reference of the parity test.
  '@teachablemachine/image',
  '@teachablemachine/pose',
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-dev-runtime',
];
