// @vitest-environment node
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, copyModels, groupNames, resolveModels, type ModelsManifest } from '../../packages/models/lib/copyModels.js';

let dir: string;
let manifest: ModelsManifest;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'webcam-ml-models-hands-'));
  manifest = await copyModels(dir, { only: ['hands:all'] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('given `webcam-ml-models copy --only hands:all`', () => {
  it('offers hands as a group; its default is the full landmark model with the detector', () => {
    expect(groupNames).toContain('hands');
    expect(resolveModels(['hands'])).toEqual(['hands:full']);
    expect(catalog.hands.models.full.files.map((f) => f.to)).toEqual(['hands/handtrack.json', 'hands/handtrack.bin', 'hands/handlandmark-full.json', 'hands/handlandmark-full.bin']);
  });

  it('copies both detectors and both landmark models, with each file sha256 in the manifest', async () => {
    expect(manifest.files.map((f) => f.file).sort()).toEqual(
      ['handtrack', 'handdetect', 'handlandmark-lite', 'handlandmark-full'].flatMap((m) => [`hands/${m}.json`, `hands/${m}.bin`]).sort(),
    );
    for (const f of manifest.files) {
      const bytes = await readFile(join(dir, f.file));
      expect(f.bytes).toBe(bytes.length);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('copies the same bytes @vladmandic/human ships for the models both packages have', async () => {
    for (const f of ['handtrack.bin', 'handlandmark-lite.bin']) {
      const ours = await readFile(join(dir, 'hands', f));
      const human = await readFile(join('node_modules/@vladmandic/human/models', f));
      expect(ours.equals(human)).toBe(true);
    }
  });
});
