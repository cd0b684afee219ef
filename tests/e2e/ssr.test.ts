// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('given the built packages in plain Node (server rendering)', () => {
  it('imports every entry and renders every component to a string without touching the browser', () => {
    // A separate Node process: no Vite aliases, no jsdom; the packages resolve to packages/*/dist.
    const out = execFileSync(process.execPath, ['scripts/ssr-check.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/ssr-check: 16 entries imported, 15 components rendered in Node/);
  });
});
