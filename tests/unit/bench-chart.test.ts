// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chartDestination, DOCS_CHART } from '../../bench/lib/chart.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('given npm run bench without --chart (a quick run, say)', () => {
  it('draws the chart beside its JSON, under the untracked bench/results/', () => {
    const path = chartDestination(root, { out: 'bench/results/bench.json', chart: false });
    expect(path).toBe(join(root, 'bench/results/benchmark-chart.svg'));
    // git ignores it, so the run leaves the tree clean.
    expect(execFileSync('git', ['check-ignore', path], { cwd: root, encoding: 'utf8' }).trim()).toBe(path);
  });

  it('follows --out', () => {
    expect(chartDestination(root, { out: 'bench/results/q/run.json', chart: false })).toBe(join(root, 'bench/results/q/benchmark-chart.svg'));
  });
});

describe('given npm run bench -- --chart', () => {
  it('redraws the tracked docs chart', () => {
    expect(chartDestination(root, { out: 'bench/results/bench.json', chart: true })).toBe(join(root, DOCS_CHART));
    expect(execFileSync('git', ['ls-files', DOCS_CHART], { cwd: root, encoding: 'utf8' }).trim()).toBe(DOCS_CHART);
  });
});
