import { ClassifierError } from './ClassifierError';
import type { StoredClass } from './Dataset';

/** A dataset as saved: classes with their CPU embeddings, and what made them. */
export interface SavedDataset {
  extractorId: string;
  dimension: number;
  mirrored: boolean;
  /** ms since epoch */
  savedAt: number;
  classes: StoredClass[];
}

/**
 * Where datasets are saved. The default is IndexedDB; pass your own (a server, a test double)
 * with the `storage` engine option. Methods reject with a `ClassifierError` (`'quota-exceeded'`
 * or `'storage'`).
 */
export interface DatasetStorage {
  load(key: string): Promise<SavedDataset | null>;
  save(key: string, dataset: SavedDataset): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The key a dataset is saved under: one per name, extractor and mirroring, so none overwrites another. */
export function storageKey(datasetName: string, extractorId: string, mirrored: boolean): string {
  return `${datasetName}|${extractorId}|${mirrored ? 'mirrored' : 'unmirrored'}`;
}

/** Turn whatever IndexedDB threw into our typed error. */
export function toStorageError(error: unknown, action: 'save' | 'load' | 'remove'): ClassifierError {
  if (error instanceof ClassifierError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new ClassifierError(
      'quota-exceeded',
      'The browser storage is full, so the dataset could not be saved. It is still in memory: export it to a file, or free some space.',
      { cause: error },
    );
  }
  return new ClassifierError('storage', `Could not ${action} the dataset in IndexedDB: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
}

const DB_NAME = 'webcam-ml-classifier';
const STORE = 'datasets';

/** Datasets in IndexedDB (database `webcam-ml-classifier`, store `datasets`); Float32Arrays are stored as they are. */
export class IndexedDbDatasetStorage implements DatasetStorage {
  private db: Promise<IDBDatabase> | null = null;

  async load(key: string): Promise<SavedDataset | null> {
    try {
      const db = await this.open();
      const value = await request<unknown>(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
      return (value as SavedDataset | undefined) ?? null;
    } catch (error) {
      throw toStorageError(error, 'load');
    }
  }

  async save(key: string, dataset: SavedDataset): Promise<void> {
    try {
      const db = await this.open();
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(dataset, key);
      await complete(tx);
    } catch (error) {
      throw toStorageError(error, 'save');
    }
  }

  async remove(key: string): Promise<void> {
    try {
      const db = await this.open();
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(key);
      await complete(tx);
    } catch (error) {
      throw toStorageError(error, 'remove');
    }
  }

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise<IDBDatabase>((resolve, reject) => {
        if (typeof indexedDB === 'undefined') {
          reject(new Error('IndexedDB is not available in this environment'));
          return;
        }
        const req = indexedDB.open(DB_NAME, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(STORE);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('the database is blocked by another tab'));
      });
      this.db.catch(() => {
        this.db = null;
      });
    }
    return this.db;
  }
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}

function complete(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // A full quota surfaces as the transaction's error (QuotaExceededError) on abort.
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
    tx.onerror = () => reject(tx.error);
  });
}
