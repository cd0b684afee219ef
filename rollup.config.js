// Builds every package: ESM + bundled .d.ts per public entry; every bare import stays external
// (react, TF.js, the model libraries and our own packages are peers or dependencies, never inlined).
import { isAbsolute } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

/** Entries per package: output name → source file. Mirrors each package.json `exports` map. */
const packages = {
  core: {
    index: 'src/index.ts',
    runtime: 'src/entries/runtime.ts',
    pose: 'src/entries/pose.ts',
    face: 'src/entries/face.ts',
    classifier: 'src/entries/classifier.ts',
    testing: 'src/entries/testing.ts',
  },
  react: {
    index: 'src/index.ts',
    webcam: 'src/entries/webcam.ts',
    runtime: 'src/entries/runtime.ts',
    pose: 'src/entries/pose.ts',
    face: 'src/entries/face.ts',
    classifier: 'src/entries/classifier.ts',
  },
};

const external = (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0');

function inputs(name) {
  return Object.fromEntries(Object.entries(packages[name]).map(([out, src]) => [out, `packages/${name}/${src}`]));
}

function js(name) {
  return {
    input: inputs(name),
    external,
    plugins: [esbuild({ target: 'es2022', jsx: 'automatic', tsconfig: 'tsconfig.json', sourceMap: true })],
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
