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
  if (opening) return opening;
  const attempt = new Promise<IDBDatabase | null>((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  opening = attempt;
  // A failed open (blocked by another tab's upgrade, a transient error) is not kept: the next
  // read or write tries again rather than leaving the cache off for the rest of the page.
  void attempt.then((db) => {
    if (db === null && opening === attempt) opening = null;
  });
  return attempt;
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
          // A closed connection (the browser cleared site data) throws here: open anew next time.
          opening = null;
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
