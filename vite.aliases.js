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
  // pose-detection imports `{ Pose }` from a script that exports nothing (see the shim's comment).
  { find: /^@mediapipe\/pose$/, replacement: `${root}packages/core/src/pose/mediapipePoseShim.ts` },
];
