// The npm packages each public entry needs installed beside it, found in the BUILT packages: the
// bare imports esbuild keeps when it bundles the entry (bench/lib/sizes.js, static and dynamic
// imports alike: a bundler fails on either when the package is missing), plus what those packages
// import without declaring it (face-api's no-bundle build imports `@tensorflow/tfjs`).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ENTRIES, measureEntry } from '../../bench/lib/sizes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `@scope/name/deep/path.js` → `@scope/name`; `react/jsx-runtime` → `react`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function manifestOf(name: string): { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as never;
}

/** Packages `specifier`'s own code imports that its package.json does not declare. */
async function undeclaredImports(specifier: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'only-this-package',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.importer === '<stdin>' ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  const self = packageName(specifier);
  const pkg = manifestOf(self);
  const declared = new Set([self, ...Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })]);
  const imported = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => packageName(i.path)));
  // Node built-ins (the wasm backend's Emscripten glue imports `fs`, `worker_threads`, ... in Node only).
  return [...new Set(imported)].filter((name) => !declared.has(name) && !name.startsWith('node:') && !builtinModules.includes(name));
}

const undeclared = new Map<string, Promise<string[]>>();

/**
 * Every public entry with the packages an app must install to bundle it (react, react-dom and our
 * own packages left out), sorted.
 */
export async function entryPeers(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const { entry } of ENTRIES) {
    const { external } = await measureEntry(entry);
    const needed = new Set<string>();
    for (const specifier of external) {
      const name = packageName(specifier);
      if (name === 'react' || name === 'react-dom' || name.startsWith('@webcam-ml/')) continue;
      needed.add(name);
      if (!undeclared.has(specifier)) undeclared.set(specifier, undeclaredImports(specifier));
      for (const extra of await undeclared.get(specifier)!) needed.add(extra);
    }
    out.set(entry, [...needed].sort());
  }
  return out;
}
