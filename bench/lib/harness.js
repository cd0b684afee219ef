// Runs a bench page in headless Debian Chromium, served by Vite from the monorepo's sources, and
// returns what the page reports. Shared by every bench CLI (bench/pose.js, bench/face.js, ...).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { aliases, prebundled } from '../../vite.aliases.js';
import { chromiumPath, fakeCameraFlags, quietFlags } from './chromium.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

const mime = { '.mp4': 'video/mp4', '.webm': 'video/webm', '.mov': 'video/quicktime', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp', '.y4m': 'video/x-y4m', '.json': 'application/json' };

/** Serves caller-chosen files (any path on disk) at /@bench-file/<key>, with Range for seeking. */
function benchFiles(files) {
  return {
    name: 'bench-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /^\/@bench-file\/([^/?]+)/.exec(req.url ?? '');
        if (!match) return next();
        const path = files[decodeURIComponent(match[1])];
        if (!path) {
          res.statusCode = 404;
          return res.end();
        }
        const size = statSync(path).size;
        const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
        res.setHeader('Content-Type', mime[ext] ?? 'application/octet-stream');
        res.setHeader('Accept-Ranges', 'bytes');
        const range = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? '');
        if (range) {
          const start = range[1] ? Number(range[1]) : 0;
          const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
          res.statusCode = 206;
          res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
          res.setHeader('Content-Length', end - start + 1);
          return createReadStream(path, { start, end }).pipe(res);
        }
        res.setHeader('Content-Length', size);
        createReadStream(path).pipe(res);
      });
    },
  };
}

/**
 * Serves `public/models/<path>` at `/cold-<id>/models/<path>` with `Cache-Control: no-store`, so a
 * page can time a cold load as often as it likes: each load on its own `<id>` (a URL the browser has
 * never seen) and nothing kept for the next. The load benches give the hook and the bare library
 * one id each per round (`coldModelBase()` in bench/lib/page.ts).
 */
function coldModels() {
  const modelsDir = resolve(root, 'public/models');
  return {
    name: 'bench-cold-models',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /^\/cold-[\w-]+\/models\/([^?#]*)/.exec(req.url ?? '');
        if (!match) return next();
        const path = resolve(modelsDir, decodeURIComponent(match[1]));
        res.setHeader('Cache-Control', 'no-store');
        if (!path.startsWith(`${modelsDir}/`) || !existsSync(path) || !statSync(path).isFile()) {
          res.statusCode = 404;
          return res.end();
        }
        const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
        res.setHeader('Content-Type', mime[ext] ?? (ext === '.wasm' ? 'application/wasm' : 'application/octet-stream'));
        res.setHeader('Content-Length', statSync(path).size);
        createReadStream(path).pipe(res);
      });
    },
  };
}

/**
 * Serve `page` (an HTML file path relative to the repo root, e.g. 'bench/pages/pose.html'), open it
 * in headless Chromium with `?params=<json>` and resolve with the value the page passes to
 * `done()` from bench/lib/page.ts.
 * @param {{ page: string, params?: unknown, files?: Record<string, string>, timeoutMs?: number,
 *   fakeCamera?: string, chromiumArgs?: string[], log?: (line: string) => void }} options
 *   files: key → absolute path, served at `/@bench-file/<key>` (use `fileUrl(key)` in the page).
 *   fakeCamera: a .y4m path Chromium plays as the camera.
 *   chromiumArgs: more Chromium flags (e.g. '--enable-precise-memory-info' for performance.memory).
 */
export async function runInChromium({ page, params = {}, files = {}, timeoutMs = 30 * 60_000, fakeCamera, chromiumArgs = [], log = (l) => process.stderr.write(`${l}\n`) }) {
  for (const [key, path] of Object.entries(files)) {
    if (!existsSync(path)) throw new Error(`bench: ${key} file not found: ${path}`);
  }
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    publicDir: resolve(root, 'public'),
    plugins: [react(), benchFiles(files), coldModels()],
    resolve: { alias: aliases },
    // The runtime imports the TF.js backends dynamically; pre-bundle them up front, or Vite
    // discovers them mid-run, re-optimises and the page's import fails (504 Outdated Optimize Dep).
    optimizeDeps: { include: prebundled },
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer.address();
  const origin = `http://127.0.0.1:${address.port}`;
  const args = [...quietFlags, ...chromiumArgs];
  if (fakeCamera) args.push(...fakeCameraFlags(fakeCamera));
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args });
  try {
    const tab = await browser.newPage();
    let settle;
    const result = new Promise((res, rej) => (settle = { res, rej }));
    await tab.exposeFunction('__benchDone', (json) => settle.res(JSON.parse(json)));
    await tab.exposeFunction('__benchFail', (message) => settle.rej(new Error(`bench page failed: ${message}`)));
    tab.on('pageerror', (e) => settle.rej(new Error(`bench page error: ${e.message}`)));
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.text().startsWith('[bench]')) log(m.text());
    });
    const url = `${origin}/${page}?params=${encodeURIComponent(JSON.stringify(params))}`;
    await tab.goto(url);
    let timer;
    const timeout = new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`bench: timed out after ${timeoutMs} ms`)), timeoutMs)));
    try {
      return await Promise.race([result, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Parse a bench CLI's flags with node:util; exits with the usage text on an unknown flag.
 * @param {string} usage
 * @param {import('node:util').ParseArgsConfig['options']} options
 */
export function cliArgs(usage, options) {
  try {
    const { values } = parseArgs({ options: { ...options, help: { type: 'boolean' } }, allowPositionals: false });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return values;
  } catch (error) {
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
}

/** The file key a path is served under (its base name, made URL-safe). */
export function fileKey(path) {
  return basename(path).replace(/[^\w.-]/g, '_');
}

/** Median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A bad command line: the message and the usage on stderr, exit code 2 (the CLIs' contract).
 * @param {string} message
 * @param {string} usage
 * @returns {never}
 */
export function usageError(message, usage) {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/**
 * `value` (a CLI string) as a positive integer, or exit with `usage` naming the flag.
 * @param {string | undefined} value
 * @param {string} flag e.g. '--runs'
 * @param {string} usage
 * @returns {number}
 */
export function positiveInt(value, flag, usage) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usageError(`${flag} must be a positive integer; got ${value}`, usage);
  return n;
}
