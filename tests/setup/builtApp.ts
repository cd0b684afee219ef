// A built app as a user meets it: its `dist` on a plain static server (with Range requests, for
// video), opened in Debian Chromium with a fixture video as the camera, every request and every
// error or warning recorded. Shared by the e2e tests.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, fakeCameraFlags, quietFlags } from './chromium';

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.mp4': 'video/mp4',
};

/** Serve `dir` on a free port of 127.0.0.1; a missing file answers 404. */
export function serve(dir: string): Promise<{ server: Server; origin: string }> {
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

/** An app served from `dir` and open in Chromium. */
export interface OpenApp {
  browser: Browser;
  page: Page;
  server: Server;
  origin: string;
  /** Every URL the page requested. */
  requests: string[];
  /** HTTP errors, page errors, console errors and warnings. */
  problems: string[];
  close(): Promise<void>;
}

/** Serve `dir`, open it in Chromium with the fake camera, and record what happens. */
export async function openApp(dir: string): Promise<OpenApp> {
  const { server, origin } = await serve(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...quietFlags, ...fakeCameraFlags()] });
  const page = await browser.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
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
  return {
    browser,
    page,
    server,
    origin,
    requests,
    problems,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/** Requests that left the app's own origin (blob: and data: URLs are the page's own). */
export function foreignRequests(app: Pick<OpenApp, 'requests' | 'origin'>): string[] {
  return app.requests.filter((url) => !url.startsWith(app.origin) && !url.startsWith('blob:') && !url.startsWith('data:'));
}
