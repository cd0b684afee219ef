// @vitest-environment node
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyModels, groupNames, type ModelsManifest } from '../../packages/models/lib/copyModels.js';

let dir: string;
let manifest: ModelsManifest;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'webcam-ml-models-seg-'));
  manifest = await copyModels(dir, { only: ['segmentation'] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('given `webcam-ml-models copy --only segmentation`', () => {
  it('offers segmentation as a group', () => {
    expect(groupNames).toContain('segmentation');
  });

  it('copies only the selfie graph model, with each file sha256 in the manifest', async () => {
    expect(manifest.files.map((f) => f.file)).toEqual(['segmentation/selfie.json', 'segmentation/selfie.bin']);
    for (const f of manifest.files) {
      const bytes = await readFile(join(dir, f.file));
      expect(f.bytes).toBe(bytes.length);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('ships neither meet nor rvm (licences, see packages/models/NOTICE.md)', () => {
    expect(manifest.files.some((f) => /meet|rvm/.test(f.file))).toBe(false);
  });
});
