// @vitest-environment node
// The README's Quick start, as written: its install commands (the block with `$WEBCAM_ML`) run by
// bash in a new Vite + React app, against tarballs made by scripts/pack.mjs (what `npm run pack`
// runs), then its BodyTracker component built with Vite and run in Debian Chromium with a fixture
// video as the camera. npm answers from its cache (`--prefer-offline`: the repo's `npm ci` filled
// it with every package used here), so the registry is asked only for what the cache lacks: not
// strict `--offline`, since `npm ci` caches tarballs but not always the registry documents a range
// such as `^4.22.0` is resolved against, and a fresh machine would fail with ENOTCACHED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, root } from '../../scripts/pack.mjs';
import { foreignRequests, openApp, type OpenApp } from '../setup/builtApp';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('### What each entry needs'));
const blocks = [...quickStart.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] }));
const install = blocks.find((b) => b.lang === 'sh' && b.code.includes('$WEBCAM_ML'))?.code ?? '';
const component = blocks.find((b) => b.lang === 'tsx')?.code ?? '';

const work = mkdtempSync(join(tmpdir(), 'webcam-ml-readme-'));
const clone = join(work, 'webcam-ml');
const app = join(work, 'app');
const version = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const env = { ...process.env, WEBCAM_ML: clone, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_loglevel: 'error' };
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: app, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let opened: OpenApp;

beforeAll(async () => {
  // `npm run pack` without its build step: `npm test` builds before the e2e tests, which run side by side.
  pack(join(clone, 'dist-packs'), { build: false });
  // A new Vite + React app, before the README's commands: what "your React app" already has.
  mkdirSync(join(app, 'src'), { recursive: true });
  const scaffold = {
    name: 'readme-app',
    private: true,
    type: 'module',
    dependencies: { react: `^${version('react')}`, 'react-dom': `^${version('react-dom')}` },
    devDependencies: { vite: version('vite'), '@vitejs/plugin-react': version('@vitejs/plugin-react') },
  };
  writeFileSync(join(app, 'package.json'), JSON.stringify(scaffold, null, 2));
  writeFileSync(join(app, 'vite.config.js'), "import { defineConfig } from 'vite';\nimport react from '@vitejs/plugin-react';\nexport default defineConfig({ plugins: [react()] });\n");
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n');
  writeFileSync(join(app, 'src/BodyTracker.tsx'), component);
  writeFileSync(
    join(app, 'src/main.tsx'),
    "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { BodyTracker } from './BodyTracker';\n\ncreateRoot(document.getElementById('root')!).render(<StrictMode><BodyTracker /></StrictMode>);\n",
  );
  run('npm', ['install']);
  run('bash', ['-euo', 'pipefail', '-c', install]);
  run('npx', ['vite', 'build', '--logLevel', 'error']);
  opened = await openApp(join(app, 'dist'));
}, 900_000);

afterAll(async () => {
  await opened?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("given a new Vite app and the README's Quick start", () => {
  it('finds the install commands and the component in the README', () => {
    expect(install).toContain('"$WEBCAM_ML"/dist-packs/webcam-ml-react-0.1.0.tgz');
    expect(install).toContain('npx webcam-ml-models copy public/models');
    expect(component).toContain('export function BodyTracker()');
  });

  it('installs only what the list names: no face-api, no nsfwjs, no @tensorflow/tfjs', () => {
    for (const name of ['@vladmandic/face-api', 'nsfwjs', '@tensorflow/tfjs', '@tensorflow/tfjs-layers']) {
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
    }
    expect(existsSync(join(app, 'node_modules/@webcam-ml/react/package.json'))).toBe(true);
  });

  it('copies MoveNet Lightning and the wasm binaries, nothing else, into public/models', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'public/models/manifest.json'), 'utf8')) as { models: string[] };
    expect(manifest.models).toEqual(['pose:lightning', 'wasm:wasm']);
    expect(readdirSync(join(app, 'dist/models/pose')).sort()).toEqual(['movenet-lightning.bin', 'movenet-lightning.json']);
  });

  it('runs the BodyTracker: the camera plays and the overlay draws a pose', async () => {
    await opened.page.locator('video').first().waitFor({ timeout: 60_000 });
    await opened.page.locator('[data-webcam-ml="pose-overlay"]:not([data-poses="0"])').waitFor({ timeout: 180_000 });
  });

  it('requested nothing but its own origin', () => {
    expect(foreignRequests(opened)).toEqual([]);
  });

  it('logged no error or warning', () => {
    expect(opened.problems).toEqual([]);
  });
});
