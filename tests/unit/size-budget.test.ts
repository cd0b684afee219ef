// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What a user's bundler makes of one import from the published build (packages/x/dist). */
async function bundle(code: string) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    metafile: true,
    platform: 'browser',
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    logLevel: 'silent',
  });
  const js = result.outputFiles[0].contents;
  // Modules that put at least one byte into the bundle (the metafile's `inputs` also lists the
  // ones esbuild read and then shook out).
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([path]) => path);
  return { gzip: gzipSync(js).length, inputs };
}

/** Size budgets in bytes, min+gzip, react external. Keep README's table in step. */
export const budgets = {
  "import { useWebcam, Webcam } from '@webcam-ml/react'": 6 * 1024,
};

describe('given the built packages', () => {
  it('has been built (npm run build)', () => {
    expect(existsSync(`${root}packages/react/dist/index.js`)).toBe(true);
  });

  it('bundles useWebcam + Webcam within 6 kB min+gzip with no TF.js', async () => {
    const { gzip, inputs } = await bundle(
      "import { useWebcam, Webcam } from '@webcam-ml/react'; console.log(useWebcam, Webcam);",
    );
    expect(inputs.filter((i) => i.includes('@tensorflow') || i.includes('face-api'))).toEqual([]);
    expect(gzip).toBeLessThanOrEqual(budgets["import { useWebcam, Webcam } from '@webcam-ml/react'"]);
  });
});
