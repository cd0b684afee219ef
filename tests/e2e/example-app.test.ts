// @vitest-environment node
// examples/vite-app as `npm run example:build` builds it (scripts/example.mjs), on a copy in a
// temporary folder: the npm pack tarballs, the app's own package.json (nothing added), weights
// copied with its `models` script, a Vite production build, served statically and driven in Debian
// Chromium with a fixture video as the camera.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, root } from '../../scripts/pack.mjs';
import { buildExample } from '../../scripts/example.mjs';
import { foreignRequests, openApp, type OpenApp } from '../setup/builtApp';

const work = mkdtempSync(join(tmpdir(), 'webcam-ml-example-'));
// The app sits two folders below its tarballs, as examples/vite-app sits below dist-packs/.
const app = join(work, 'examples/vite-app');
let opened: OpenApp;

beforeAll(async () => {
  // The packages are built by `npm test` before the e2e tests (another e2e file packs them too).
  pack(join(work, 'dist-packs'), { build: false });
  cpSync(join(root, 'examples/vite-app'), app, { recursive: true, filter: (p) => !/node_modules|dist|public\/models/.test(p) });
  buildExample(app);
  opened = await openApp(join(app, 'dist'));
}, 600_000);

afterAll(async () => {
  await opened?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('given the example app built from the npm pack tarballs', () => {
  it('installs our packages from tarballs, not workspace links', () => {
    const core = JSON.parse(readFileSync(join(app, 'node_modules/@webcam-ml/core/package.json'), 'utf8')) as { name: string };
    expect(core.name).toBe('@webcam-ml/core');
    expect(statSync(join(app, 'node_modules/@webcam-ml/core')).isSymbolicLink()).toBe(false);
  });

  it('shows the camera live', async () => {
    await opened.page.getByText('camera: live').waitFor({ timeout: 60_000 });
  });

  it('finds a pose on the camera', async () => {
    await opened.page.getByTestId('pose-count').filter({ hasText: /^[1-9]/ }).waitFor({ timeout: 120_000 });
  });

  it('runs face info on the camera', async () => {
    await opened.page.getByTestId('face-status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
  });

  it('trains the classifier from the camera and predicts', async () => {
    await opened.page.getByTestId('classifier-status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
    await opened.page.getByRole('button', { name: 'Train demo classes' }).click();
    await opened.page.getByTestId('prediction').filter({ hasText: /^(still|moving)$/ }).waitFor({ timeout: 120_000 });
  });

  it('requested nothing but its own origin', () => {
    expect(foreignRequests(opened)).toEqual([]);
  });

  it('logged no error or warning', () => {
    expect(opened.problems).toEqual([]);
  });
});
