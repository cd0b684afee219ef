// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packages = ['core', 'react', 'models'];

describe.each(packages)('given the built package @webcam-ml/%s', (name) => {
  const dir = `${root}packages/${name}`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as {
    sideEffects?: boolean;
    exports: Record<string, string | { types?: string }>;
    files: string[];
  };

  it('ships a README and the LICENSE, and every path its `files` names exists', () => {
    for (const path of pkg.files) expect(existsSync(`${dir}/${path}`), path).toBe(true);
    const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8' })) as [{ files: { path: string }[] }];
    const packed = files.map((f) => f.path);
    expect(packed).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    expect(readFileSync(`${dir}/LICENSE`, 'utf8')).toBe(readFileSync(`${root}LICENSE`, 'utf8'));
  });

  it('is clean under publint (strict)', async () => {
    const { messages } = await publint({ pkgDir: dir, strict: true, level: 'suggestion' });
    expect(messages.map((m) => formatMessage(m, pkg as never) ?? m.code)).toEqual([]);
  });

  it('lists types first in every exports condition and is side-effect free', () => {
    expect(pkg.sideEffects).toBe(false);
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(Object.keys(target)[0], entry).toBe('types');
    }
  });

  it('has no wrong types under are-the-types-wrong (ESM-only profile)', () => {
    // attw exits non-zero on any problem; its JSON says which.
    const out = execFileSync('npx', ['attw', '--pack', dir, '--profile', 'esm-only', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
    // The JSON lists CommonJS-resolution findings too; the ESM-only profile (exit code) ignores them.
    const report = JSON.parse(out) as { analysis?: { problems?: { resolutionKind?: string }[] } };
    const esmProblems = (report.analysis?.problems ?? []).filter(
      (p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs',
    );
    expect(esmProblems).toEqual([]);
  }, 60_000);
});
