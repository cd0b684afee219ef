// @vitest-environment node
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
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
