// @vitest-environment node
// Every Storybook entry as a visitor sees it: the static build (made once, reused while no source
// is newer), served as any host would, each docs page and each story opened in Debian Chromium.
// A story fails on a console error, a page error, a failing play function, or a status text that
// is not the one it is named for; a docs page fails when any of its stories does not show its own
// state (stories on one page must not share a camera, a runtime or a setting).
// The entries come from the build's index.json, so new stories join without being listed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, fakeCameraFlags, quietFlags } from '../setup/chromium';
import { checkStatus, statusTexts, type StatusCheck } from './storybookStatus';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'storybook-static');

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  name: string;
  importPath: string;
  tags?: string[];
}

/** Newest modification time under `dir` (files only). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds Storybook unless storybook-static is newer than every input of the build (or
 * REUSE_STORYBOOK_BUILD=1 asks to take the build as it is, while editing this test).
 */
function ensureBuild(): void {
  const index = join(out, 'index.json');
  if (process.env.REUSE_STORYBOOK_BUILD === '1' && existsSync(index)) return;
  const inputs = ['stories', '.storybook', 'packages/core/src', 'packages/react/src', 'public/fixtures'].map((d) => join(root, d));
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...inputs.filter(existsSync).map(newest))) return;
  execFileSync('npm', ['run', '--silent', 'build-storybook', '--', '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Chromium's own notices and lines a failing HTTP response already reports. */
function ignored(text: string): boolean {
  return text === 'No available adapters.' || text.startsWith('Failed to load resource');
}

// Collected from the build, so the build comes first.
ensureBuild();
const entries = Object.values((JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> }).entries);
const stories = entries.filter((e) => e.type === 'story');
const docsPages = entries.filter((e) => e.type === 'docs');
/** A story an autodocs page shows (its component's page); the others are opened alone. */
const onDocsPage = (story: IndexEntry) =>
  !!story.tags?.includes('autodocs') && docsPages.some((d) => d.importPath === story.importPath && d.title === story.title);
// Every story's play function runs in `npm run test:stories`; here each story is opened where a
// visitor meets it: on its docs page, and alone when no docs page shows it.
const alone = stories.filter((s) => !onDocsPage(s));

let browser: Browser;
let context: BrowserContext;
let server: PreviewServer;
let origin: string;

beforeAll(async () => {
  // 'mpa': a missing file is a 404, as on a static host (not the SPA fallback's index.html).
  server = await preview({ root, appType: 'mpa', logLevel: 'error', build: { outDir: 'storybook-static' }, preview: { port: 0, host: '127.0.0.1', open: false } });
  origin = server.resolvedUrls!.local[0].replace(/\/$/, '');
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...quietFlags, ...fakeCameraFlags()] });
  // One context: pages share the HTTP cache (the weights download once), as tabs of one visitor.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page that records every error it logs or throws. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !ignored(m.text())) problems.push(`console.error: ${m.text()}`);
  });
  page.on('response', (r) => {
    // The models-missing stories ask for ./no-models-here/ on purpose.
    if (r.status() >= 400 && !r.url().includes('/no-models-here/')) problems.push(`http ${r.status()}: ${r.url()}`);
  });
  // Hears the preview's channel from its creation: a play function that throws, and the end.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const log: { event: string; detail: unknown }[] = [];
    w.__storyEvents = log;
    let channel: { on: (e: string, f: (d: unknown) => void) => void } | undefined;
    Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
      configurable: true,
      get: () => channel,
      set: (next: typeof channel) => {
        channel = next;
        for (const event of ['playFunctionThrewException', 'storyThrewException', 'storyErrored', 'storyMissing', 'storyFinished']) {
          next?.on(event, (detail) => log.push({ event, detail }));
        }
      },
    });
  });
  // The toolbar's "Sample video": every story plays its own sample, the same on every machine.
  await page.goto(`${origin}/${url}&globals=source:sample`);
  return { page, problems };
}

/**
 * Each story's `expectedStatus` parameter: a text its status shows before any interaction (on its
 * docs page). `expectedAfterPlay`, when given, is the one its play function ends on instead (an
 * error the story is named for, for example).
 */
async function expectations(page: Page, ids: string[], afterPlay = false): Promise<Record<string, Expected>> {
  await page.waitForFunction(() => 'storyStoreValue' in ((window as unknown as Record<string, object>).__STORYBOOK_PREVIEW__ ?? {}), null, { timeout: 60_000 });
  return page.evaluate(async ([storyIds, after]) => {
    type Store = { loadStory: (a: { storyId: string }) => Promise<{ parameters: Record<string, unknown> }> };
    const store = (window as unknown as { __STORYBOOK_PREVIEW__: { storyStoreValue: Store } }).__STORYBOOK_PREVIEW__.storyStoreValue;
    const out: Record<string, string | string[] | null> = {};
    for (const storyId of storyIds) {
      const { parameters } = await store.loadStory({ storyId });
      const expected = after && typeof parameters.expectedAfterPlay === 'string' ? parameters.expectedAfterPlay : parameters.expectedStatus;
      out[storyId] = typeof expected === 'string' || Array.isArray(expected) ? (expected as string | string[]) : null;
    }
    return out;
  }, [ids, afterPlay] as const);
}

const STORY_MS = 120_000;

/** A story's `expectedStatus`: one text, several (each shown), or none given. */
type Expected = string | readonly string[] | null;

/** At most three pages at a time: the machine has two cores, and each page runs models. */
const slots = (() => {
  let free = 3;
  const waiting: (() => void)[] = [];
  return async <T>(run: () => Promise<T>): Promise<T> => {
    if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    else free -= 1;
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
})();

/** Waits until the story's status check passes; returns the last check. */
async function untilStatus(page: Page, selector: string, expected: Expected, timeout: number, afterPlay = false, storyId?: string): Promise<StatusCheck> {
  const deadline = Date.now() + timeout;
  let check: StatusCheck;
  for (;;) {
    check = checkStatus(await statusTexts(page, selector, storyId), expected, afterPlay);
    if (check.ok || Date.now() > deadline) return check;
    await page.waitForTimeout(500);
  }
}

describe('given the static Storybook build', () => {
  it('lists stories and docs pages', () => {
    expect(stories.length).toBeGreaterThan(10);
    expect(docsPages.length).toBeGreaterThan(5);
  });

  if (alone.length) describe.concurrent('each story no docs page shows, opened alone', () => {
    it.for(alone.map((e) => e.id))('%s', (id, { expect }) => slots(async () => {
      const { page, problems } = await open(`iframe.html?id=${id}&viewMode=story`);
      try {
        const [expected] = Object.values(await expectations(page, [id], true));
        await page.waitForFunction(
          () => ((window as unknown as { __storyEvents: { event: string }[] }).__storyEvents ?? []).some((e) => e.event === 'storyFinished'),
          null,
          { timeout: STORY_MS },
        );
        const events = await page.evaluate(() => (window as unknown as { __storyEvents: { event: string; detail: unknown }[] }).__storyEvents);
        const failures = events.filter((e) => e.event !== 'storyFinished' || (e.detail as { status?: string }).status !== 'success');
        expect(failures.map((e) => `${e.event}: ${JSON.stringify(e.detail).slice(0, 400)}`)).toEqual([]);
        // After the play function the story still shows a state it is named for (no leftover error).
        const check = await untilStatus(page, '#storybook-root', expected, 5_000, true);
        expect(check.problem).toBeNull();
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    }));
  });

  describe.concurrent('each docs page', () => {
    it.for(docsPages.map((e) => e.id))('%s', (id, { expect }) => slots(async () => {
      const docs = docsPages.find((e) => e.id === id)!;
      // A component's docs page shows every story of its file; an MDX page shows its own text.
      const own = stories.filter((e) => e.importPath === docs.importPath && e.title === docs.title);
      const { page, problems } = await open(`iframe.html?id=${id}&viewMode=docs`);
      try {
        await page.locator('#storybook-docs .sbdocs-content').first().waitFor({ timeout: 60_000 });
        const expected = await expectations(page, own.map((e) => e.id));
        const wrong: string[] = [];
        // All the page's stories run at once: each gets the page's time, checked one after the other.
        const deadline = Date.now() + STORY_MS;
        for (const story of own) {
          // A story in its own frame loads lazily: show it as a reader scrolling down would.
          await page.locator(`#anchor--${story.id}`).first().scrollIntoViewIfNeeded({ timeout: 10_000 }).catch(() => undefined);
          const check = await untilStatus(page, `#story--${story.id}, #story--${story.id}--primary`, expected[story.id], Math.max(5_000, deadline - Date.now()), false, story.id);
          if (!check.ok) wrong.push(`${story.name}: ${check.problem}`);
        }
        expect(wrong).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    }));
  });
});
