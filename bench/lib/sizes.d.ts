// Types for bench/lib/sizes.js (imported by tests/unit/size-budgets-per-entry.test.ts).

export interface PublicEntry {
  /** Import specifier, e.g. '@webcam-ml/react/pose'. */
  entry: string;
  /** Package folder under packages/. */
  pkg: 'core' | 'react';
  /** Built file under packages/<pkg>/dist/. */
  file: string;
}

export interface EntrySize {
  entry: string;
  /** Minified bytes. */
  minBytes: number;
  /** Minified and gzipped bytes. */
  gzipBytes: number;
  /** Modules that put at least one byte into the bundle. */
  inputs: string[];
  /** Bare imports left external (react, peers). */
  external: string[];
}

export const ENTRIES: readonly PublicEntry[];
export function missingBuilds(): string[];
export function externals(): string[];
export function measureCode(code: string, entry?: string): Promise<EntrySize>;
export function measureEntry(entry: string): Promise<EntrySize>;
export function measureAll(): Promise<EntrySize[]>;
export function formatKB(bytes: number): string;
