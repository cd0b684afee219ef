// @vitest-environment node
// The packages as an outside user gets them: npm pack tarballs installed into a copy of
// examples/vite-app, weights copied with the CLI, a Vite production build, served statically and
// driven in Debian Chromium with a fixture video as the camera.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, fakeCameraFlags, quietFlags } from '../setup/chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'webcam-ml-example-'));
const app = join(work, 'app');

/** Versions of the peers, taken from the monorepo's lock so the example runs what we test. */
function installed(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

const peers = [
  'react',
  'react-dom',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-webgpu',
  '@tensorflow/tfjs-backend-wasm',
  '@vladmandic/face-api',
];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.mp4': 'video/mp4',
};

/** A plain static server (with Range, for video), as any host would be. */
function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.statusCode = 404;
      return res.end('not found');
    }
    const size = statSync(file).size;
    res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Accept-Ranges', 'bytes');
    const range = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1] || 0);
      const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      return createReadStream(file, { start, end }).pipe(res);
    }
    res.setHeader('Content-Length', size);
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

let browser: Browser;
let page: Page;
let server: Server;
let origin: string;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  const packs = join(work, 'packs');
  mkdirSync(packs, { recursive: true });
  for (const name of ['core', 'react', 'models']) run('npm', ['pack', '--silent', '--pack-destination', packs], join(root, 'packages', name));
  cpSync(join(root, 'examples/vite-app'), app, { recursive: true, filter: (p) => !/node_modules|dist|public\/models/.test(p) });
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  for (const name of peers) pkg.dependencies[name] = installed(name);
  pkg.devDependencies = { vite: installed('vite'), '@vitejs/plugin-react': installed('@vitejs/plugin-react') };
  writeFileSync(join(app, 'package.json'), JSON.stringify(pkg, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app);
  run('npx', ['webcam-ml-models', 'copy', 'public/models'], app);
  cpSync(join(root, 'public/fixtures/pose/pose_1.mp4'), join(app, 'public/sample.mp4'));
  run('npx', ['vite', 'build', '--logLevel', 'error'], app);
  ({ server, origin } = await serve(join(app, 'dist')));
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...quietFlags, ...fakeCameraFlags()] });
  page = await browser.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium's own notice when the WebGPU probe finds no adapter (no GPU here), not the app's.
    if (m.text() === 'No available adapters.') return;
    // A failed load is reported with its URL by the response listener above.
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  await page.goto(`${origin}/`);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('given the example app built from the npm pack tarballs', () => {
  it('installs our packages from tarballs, not workspace links', () => {
    const core = JSON.parse(readFileSync(join(app, 'node_modules/@webcam-ml/core/package.json'), 'utf8')) as { name: string };
    expect(core.name).toBe('@webcam-ml/core');
    expect(statSync(join(app, 'node_modules/@webcam-ml/core')).isSymbolicLink()).toBe(false);
  });

  it('shows the camera live', async () => {
    await page.getByText('camera: live').waitFor({ timeout: 60_000 });
  });

  it('finds a pose on the camera', async () => {
    await page.getByTestId('pose-count').filter({ hasText: /^[1-9]/ }).waitFor({ timeout: 120_000 });
  });

  it('runs face info on the camera', async () => {
    await page.getByTestId('face-status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
  });

  it('trains the classifier from the camera and predicts', async () => {
    await page.getByTestId('classifier-status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Train demo classes' }).click();
    await page.getByTestId('prediction').filter({ hasText: /^(still|moving)$/ }).waitFor({ timeout: 120_000 });
  });

  it('requested nothing but its own origin', () => {
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  });

  it('logged no error or warning', () => {
    expect(problems).toEqual([]);
  });
});
