/**
 * The opt-in IndexedDB store of verified weight files (`configure({ persistentCache: true })`).
 * Keys are `url#sha256`, so a changed file (new sha in manifest.json) is never served stale.
 * Storage is best effort: when IndexedDB is unavailable (private windows, quota) loading falls
 * back to the network, which is always correct.
 */
const DB_NAME = 'webcam-ml';
const STORE = 'weights';

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve) => {
        if (!db) return resolve(undefined);
        try {
          const request = action(db.transaction(STORE, mode).objectStore(STORE));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      }),
  );
}

/** The stored bytes of `url` with this sha256, if any. */
export async function readCachedFile(url: string, sha256: string): Promise<ArrayBuffer | undefined> {
  const value = await run<unknown>('readonly', (store) => store.get(`${url}#${sha256}`));
  return value instanceof ArrayBuffer ? value : undefined;
}

/** Store verified bytes of `url`. */
export async function writeCachedFile(url: string, sha256: string, bytes: ArrayBuffer): Promise<void> {
  await run('readwrite', (store) => store.put(bytes, `${url}#${sha256}`));
}

/** Remove every stored file (for a "clear cache" button, and tests). */
export async function clearPersistentCache(): Promise<void> {
  await run('readwrite', (store) => store.clear());
}
