// @vitest-environment node
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyModels } from '../../packages/models/lib/copyModels.js';
import { verifyModels } from '../../packages/models/lib/verifyModels.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'webcam-ml-models-'));
  await copyModels(dir, { only: ['wasm'] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('given a freshly copied models folder', () => {
  it('verify finds every file intact', async () => {
    expect(await verifyModels(dir)).toEqual({ checked: 3, problems: [] });
  });
});

describe('given a folder damaged after the copy', () => {
  it('verify reports the truncated and the altered file', async () => {
    await truncate(join(dir, 'wasm/tfjs-backend-wasm.wasm'), 100);
    const simd = join(dir, 'wasm/tfjs-backend-wasm-simd.wasm');
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(simd);
    bytes[10] ^= 0xff;
    await writeFile(simd, bytes);
    const { problems } = await verifyModels(dir);
    expect(problems.map((p) => [p.file, p.reason])).toEqual([
      ['wasm/tfjs-backend-wasm.wasm', 'truncated'],
      ['wasm/tfjs-backend-wasm-simd.wasm', 'checksum'],
    ]);
  });
});

describe("given an app with its own @tensorflow/tfjs-backend-wasm (4.23, not the CLI's 4.22)", () => {
  let app: string;
  const wasmFiles = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'webcam-ml-app-'));
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', dependencies: { '@tensorflow/tfjs-backend-wasm': '4.23.0' } }));
    const pkg = join(app, 'node_modules/@tensorflow/tfjs-backend-wasm');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-backend-wasm', version: '4.23.0' }));
    for (const f of wasmFiles) await writeFile(join(pkg, 'dist', f), `fake ${f} of 4.23.0`);
  });
  afterAll(() => rm(app, { recursive: true, force: true }));

  it("copies the app's binaries into a folder inside the app", async () => {
    const dest = join(app, 'public/models');
    const manifest = await copyModels(dest, { only: ['wasm'] });
    for (const f of wasmFiles) expect(await readFile(join(dest, 'wasm', f), 'utf8')).toBe(`fake ${f} of 4.23.0`);
    expect(manifest.files.map((f) => f.bytes)).toEqual(wasmFiles.map((f) => `fake ${f} of 4.23.0`.length));
  });

  it("copies the app's binaries when run from the app's directory into a folder elsewhere", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'webcam-ml-out-'));
    try {
      await copyModels(elsewhere, { only: ['wasm'], cwd: app });
      expect(await readFile(join(elsewhere, 'wasm', wasmFiles[0]), 'utf8')).toBe(`fake ${wasmFiles[0]} of 4.23.0`);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('given the built executor worker (npm run build) copied next to the weights', () => {
  it('writes webcam-ml-worker.js and every chunk it imports, and removes chunks of an older build', async () => {
    const { copyWorker, WORKER_FILE, WORKER_CHUNKS } = await import('../../packages/models/lib/copyModels.js');
    const { readdir } = await import('node:fs/promises');
    const dest = await mkdtemp(join(tmpdir(), 'webcam-ml-worker-'));
    try {
      await mkdir(join(dest, WORKER_CHUNKS));
      await writeFile(join(dest, WORKER_CHUNKS, 'chunk-OLDBUILD.js'), 'export {};');
      expect(await copyWorker(dest)).toBe(join(dest, WORKER_FILE));
      const built = join(process.cwd(), 'packages/core/dist');
      const chunks = (await readdir(join(dest, WORKER_CHUNKS))).sort();
      expect(chunks).toEqual((await readdir(join(built, WORKER_CHUNKS))).sort());
      // Every chunk the entry and the chunks import is there, under the path they import it by.
      const files = [join(dest, WORKER_FILE), ...chunks.map((c) => join(dest, WORKER_CHUNKS, c))];
      let imports = 0;
      for (const file of files) {
        const code = await readFile(file, 'utf8');
        for (const [, path] of code.matchAll(/(?:from|import\()\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
          const target = join(file, '..', path);
          expect(files, `${file} imports ${path}`).toContain(target);
          imports++;
        }
      }
      // The entry imports TF.js core and each task kind's chunk at least.
      expect(imports).toBeGreaterThan(6);
      expect(await readFile(join(dest, WORKER_FILE), 'utf8')).toBe(await readFile(join(built, 'executorWorker.js'), 'utf8'));
    } finally {
      await rm(dest, { recursive: true, force: true });
    }
  });
});
