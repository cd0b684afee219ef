// The KNN space's cost while a class is recorded (issue 17's refit follow-up), in Node on
// synthetic 5120-number image embeddings with 4 augmented copies each: the 'invariant' space
// refitted on every added example (as before) against kept and brought up to date
// (NeighbourIndex). 30 frames a second, an example added every 6th frame (5 a second), 10
// examples recorded onto datasets of 20, 40 and 200. Prints ms per added example and per frame.
// Usage: node bench/refit-cost.js [--sizes 20,40,200] [--added 10]
import { build } from 'esbuild';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = arg('sizes', '20,40,200').split(',').map(Number);
const added = Number(arg('added', '10'));

const bundle = await build({
  stdin: {
    contents: `export { NeighbourIndex } from './packages/core/src/classifier/neighbourIndex';
      export { knnVote, normalize } from './packages/core/src/classifier/knn';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
});
const { NeighbourIndex, knnVote, normalize } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

const DIM = 5120;
let seed = 7;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) - 0.5;
const vector = (classIndex) => {
  const v = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) v[i] = Math.max(0, 0.3 + rand());
  v[classIndex] += 2;
  return normalize(v);
};
let id = 0;
const example = (classIndex) => ({ id: `e${id++}`, thumbnail: null, embedding: vector(classIndex), augmented: [0, 1, 2, 3].map(() => vector(classIndex)) });

function record(size, lazy) {
  seed = 7 + size;
  const classes = [0, 1].map((c) => ({ name: `c${c}`, examples: Array.from({ length: size / 2 }, () => example(c)) }));
  const eligible = [true, true];
  let time = 0;
  const index = new NeighbourIndex(() => time);
  const query = vector(0);
  const frame = () => {
    const started = performance.now();
    const { space, neighbours } = index.neighbours(classes, eligible, 'invariant');
    knnVote(space.project(query), neighbours, 2, 5);
    return performance.now() - started;
  };
  frame();
  const adds = [];
  const frames = [];
  for (let a = 0; a < added; a++) {
    classes[a % 2].examples.push(example(a % 2));
    index.changed();
    if (!lazy) index.reset();
    for (let f = 0; f < 6; f++) {
      time += 33;
      const ms = frame();
      frames.push(ms);
      if (f === 0) adds.push(ms);
    }
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return { addMedian: median(adds), addMax: Math.max(...adds), frameMean: mean(frames), frameMedian: median(frames) };
}

const rows = [];
for (const size of sizes) {
  const before = record(size, false);
  const after = record(size, true);
  rows.push({
    examples: size,
    'add ms before': before.addMedian.toFixed(1),
    'add ms after': after.addMedian.toFixed(1),
    'add ratio': (after.addMedian / before.addMedian).toFixed(3),
    'worst add before/after': `${before.addMax.toFixed(0)} / ${after.addMax.toFixed(0)}`,
    'frame ms before': before.frameMean.toFixed(1),
    'frame ms after': after.frameMean.toFixed(1),
    'frame ratio': (after.frameMean / before.frameMean).toFixed(3),
  });
}
console.table(rows);
