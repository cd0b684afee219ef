import { afterEach, describe, expect, it, vi } from 'vitest';

/** A minimal IndexedDB: `open` fails (`onerror`) `failures` times, then opens one in-memory store. */
function fakeIndexedDB(failures: number) {
  const data = new Map<string, unknown>();
  let opens = 0;
  const request = <T>(run: () => T) => {
    const r: { result?: T; onsuccess?: () => void; onerror?: () => void } = {};
    queueMicrotask(() => {
      r.result = run();
      r.onsuccess?.();
    });
    return r;
  };
  const store = {
    get: (key: string) => request(() => data.get(key)),
    put: (value: unknown, key: string) => request(() => void data.set(key, value)),
    clear: () => request(() => data.clear()),
  };
  const db = { transaction: () => ({ objectStore: () => store }) };
  return {
    get opens() {
      return opens;
    },
    open: () => {
      const r: { result?: unknown; onsuccess?: () => void; onerror?: () => void; onupgradeneeded?: () => void; onblocked?: () => void } = {};
      const failing = opens++ < failures;
      queueMicrotask(() => {
        if (failing) return r.onerror?.();
        r.result = db;
        r.onsuccess?.();
      });
      return r;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('given IndexedDB that fails to open once (blocked by another tab, a transient error)', () => {
  it('opens it again on the next use instead of keeping the persistent cache off for the page', async () => {
    const idb = fakeIndexedDB(1);
    vi.stubGlobal('indexedDB', idb);
    const { readCachedFile, writeCachedFile } = await import('../../packages/core/src/runtime/persistentCache');
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    await writeCachedFile('http://localhost/models/a.bin', 'abc', bytes); // the failed open: not stored
    await writeCachedFile('http://localhost/models/a.bin', 'abc', bytes);
    expect(await readCachedFile('http://localhost/models/a.bin', 'abc')).toBe(bytes);
    expect(idb.opens).toBe(2);
  });
});
