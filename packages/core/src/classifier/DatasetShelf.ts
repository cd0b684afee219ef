import { Dataset, type StoredClass } from './Dataset';
import { toStorageError, type DatasetStorage } from './datasetStorage';
import type { StorageState } from './types';

/** One dataset and what is known about it. */
export interface DatasetSlot {
  key: string;
  dataset: Dataset;
  /** Embedding size of its examples, once known. */
  dimension: number | null;
  extractorId: string;
  mirrored: boolean;
  /** Saved to storage (it has a dataset name). */
  persisted: boolean;
  /** Its saved copy was read (or found missing): only then may it be written. */
  restored: boolean;
  restoring: Promise<void> | null;
  /** Changed since the last save. */
  dirty: boolean;
}

/** Milliseconds between the last change and the autosave. */
const SAVE_DELAY_MS = 300;

/**
 * The classifier's datasets, one per storage key (name, extractor, mirroring), and their
 * persistence: restore once, autosave (debounced) after changes, never overwrite a saved copy
 * that could not be read, keep everything in memory whatever the storage does.
 */
export class DatasetShelf {
  private slots = new Map<string, DatasetSlot>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    public storage: DatasetStorage,
    /** Told about every storage state change of a slot. */
    private readonly report: (slot: DatasetSlot, state: StorageState) => void,
    /** Told when a slot's saved copy was merged in. */
    private readonly restoredInto: (slot: DatasetSlot) => void,
  ) {}

  /** The slot of `key`, created empty with `meta` the first time. */
  get(key: string, meta: Pick<DatasetSlot, 'extractorId' | 'mirrored' | 'persisted'>): DatasetSlot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { key, dataset: new Dataset(), dimension: null, ...meta, restored: false, restoring: null, dirty: false };
      this.slots.set(key, slot);
    }
    return slot;
  }

  /** Read the slot's saved copy once, merging it before anything added meanwhile. */
  restore(slot: DatasetSlot): void {
    if (!slot.persisted || slot.restored || slot.restoring) return;
    this.report(slot, { status: 'loading', error: null });
    slot.restoring = (async () => {
      try {
        const saved = await this.storage.load(slot.key);
        if (saved) {
          slot.dataset.merge(saved.classes.map((c) => ({ name: c.name, examples: c.examples.map((e) => ({ ...e, thumbnail: e.thumbnail ?? null })) })));
          slot.dimension ??= saved.dimension || null;
        }
        slot.restored = true;
        this.report(slot, { status: 'saved', error: null });
        this.restoredInto(slot);
      } catch (error) {
        // Not restored, so never written: a save must not overwrite what could not be read.
        this.report(slot, { status: 'error', error: toStorageError(error, 'load') });
      } finally {
        slot.restoring = null;
      }
    })();
  }

  /** Mark a slot changed; with `autoSave`, write it a moment after the last change. */
  changed(slot: DatasetSlot, autoSave: boolean): void {
    slot.dirty = true;
    if (!slot.persisted || !autoSave) return;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.flush();
    }, SAVE_DELAY_MS);
  }

  /**
   * Write every changed slot whose saved copy was read. Errors are reported (a full quota as
   * `quota-exceeded`); the slot stays dirty and in memory, and is written at the next flush.
   */
  async flush(): Promise<void> {
    if (this.saveTimer !== null) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    for (const slot of this.slots.values()) {
      if (!slot.dirty || !slot.persisted || !slot.restored) continue;
      slot.dirty = false;
      this.report(slot, { status: 'saving', error: null });
      try {
        await this.storage.save(slot.key, {
          extractorId: slot.extractorId,
          dimension: slot.dimension ?? 0,
          mirrored: slot.mirrored,
          savedAt: Date.now(),
          classes: slot.dataset.classes.map((c): StoredClass => ({ name: c.name, examples: [...c.examples] })),
        });
        if (!slot.dirty) this.report(slot, { status: 'saved', error: null });
      } catch (error) {
        slot.dirty = true;
        this.report(slot, { status: 'error', error: toStorageError(error, 'save') });
      }
    }
  }
}
