import { ClassifierError } from './ClassifierError';
import type { ResolvedClassifierOptions } from './classifierOptions';
import { exampleId, type Dataset } from './Dataset';
import { DatasetShelf, type DatasetSlot } from './DatasetShelf';
import { parseDatasetFile, toDatasetFile, type DatasetFile, type DatasetFileV2 } from './datasetFile';
import { IndexedDbDatasetStorage, storageKey, type DatasetStorage } from './datasetStorage';
import type { ClassifierState, ExampleInfo } from './types';

/** What the dataset controller needs of its engine. */
export interface DatasetHost {
  options: () => ResolvedClassifierOptions;
  /** The features' id and size (the dataset is keyed and checked by them). */
  features: () => { id: string; dimension: number | null };
  getState: () => ClassifierState;
  patch: (state: Partial<ClassifierState>) => void;
  /** The classes or examples changed: cached neighbours and the dense head are out of date. */
  invalidate: () => void;
  /** The dataset in use was switched: results of the old one must not be published. */
  switched: () => void;
}

/**
 * The classifier's examples: one dataset per storage key (name, features, mirroring) on a shelf,
 * so switching features loses nothing; every change updates the state's class list, marks a
 * trained head stale and autosaves; import is validated completely before anything changes.
 */
export class DatasetController {
  private readonly shelf: DatasetShelf;
  private readonly defaultStorage: DatasetStorage;
  private key: string;

  constructor(private readonly host: DatasetHost) {
    this.defaultStorage = host.options().storage ?? new IndexedDbDatasetStorage();
    this.shelf = new DatasetShelf(
      this.defaultStorage,
      (slot, storage) => slot === this.slot() && host.patch({ storage }),
      (slot) => {
        if (slot !== this.slot()) return;
        host.invalidate();
        host.patch({ classes: slot.dataset.info() });
        if (slot.dirty) this.shelf.changed(slot, host.options().autoSave);
      },
    );
    this.key = this.currentKey();
  }

  /** The storage in use: the `storage` option, else IndexedDB. */
  useStorage(storage: DatasetStorage | null): void {
    this.shelf.storage = storage ?? this.defaultStorage;
  }

  currentKey(): string {
    const { teachableMachine, datasetName, mirrored } = this.host.options();
    const id = teachableMachine ? `teachable-machine:${teachableMachine.modelUrl}` : this.host.features().id;
    return storageKey(datasetName ?? '', id, mirrored);
  }

  /** The dataset in use (and what is known about it). */
  slot(): DatasetSlot {
    const options = this.host.options();
    return this.shelf.get(this.key, {
      extractorId: this.host.features().id,
      mirrored: options.mirrored,
      persisted: options.datasetName !== null && options.teachableMachine === null,
    });
  }

  dataset(): Dataset {
    return this.slot().dataset;
  }

  /** Switch to the dataset the options name (if another); `active` restores it from storage. */
  follow(active: boolean): void {
    const key = this.currentKey();
    if (key === this.key) return;
    this.key = key;
    this.host.switched();
    const slot = this.slot();
    const features = this.host.features();
    this.host.patch({
      extractor: { id: features.id, dimension: slot.dimension ?? features.dimension },
      classes: this.host.options().teachableMachine ? [] : slot.dataset.info(),
      training: { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null },
      storage: { status: slot.persisted ? (slot.restored ? 'saved' : 'loading') : 'off', error: null },
    });
    if (active) this.shelf.restore(slot);
  }

  restore(): void {
    this.shelf.restore(this.slot());
  }

  flush(): Promise<void> {
    return this.shelf.flush();
  }

  writable(): void {
    if (this.host.options().teachableMachine) {
      throw new ClassifierError('invalid-action', 'This classifier is a Teachable Machine model: its classes cannot be changed here.');
    }
  }

  /** Keep `embedding` (unit length) and its augmented copies (unit length) as an example of `label` (with `id`: one the worker gave it). */
  put(label: string, embedding: Float32Array, thumbnail: string | null, augmented: Float32Array[] = [], id = exampleId()): ExampleInfo {
    const slot = this.slot();
    slot.dataset.addExample(label, { id, embedding, thumbnail, ...(augmented.length ? { augmented } : {}) });
    slot.dimension ??= embedding.length;
    this.changed();
    return { id, thumbnail };
  }

  /** After any change to a dataset: new class list, new neighbours, a stale head, an autosave. */
  changed(slot = this.slot()): void {
    this.shelf.changed(slot, this.host.options().autoSave);
    if (slot !== this.slot()) return;
    this.host.invalidate();
    const training = this.host.getState().training;
    this.host.patch({
      classes: this.dataset().info(),
      ...(training.status === 'trained' ? { training: { ...training, status: 'stale' as const } } : {}),
    });
  }

  /** Remove every class and example (the saved copy too, at the next autosave). */
  clear(): void {
    this.writable();
    this.dataset().clear();
    this.slot().dimension = null;
    this.changed();
  }

  /** The dataset as a version-2 file object (JSON-serialisable). */
  toFile(options: { thumbnails?: boolean }, extractorDimension: number | null): DatasetFileV2 {
    const features = this.host.features();
    const dimension = this.slot().dimension ?? features.dimension ?? extractorDimension;
    if (dimension === null) throw new ClassifierError('invalid-action', 'Nothing to export yet: the custom features have not produced an embedding.');
    return toDatasetFile(this.dataset().classes, { extractorId: features.id, dimension, mirrored: this.host.options().mirrored }, options);
  }

  /** Replace the dataset with a validated file; on any problem nothing changes. */
  async import(file: Blob | string | DatasetFile | object, extractorDimension: number | null): Promise<void> {
    this.writable();
    let content: unknown = file;
    if (typeof Blob !== 'undefined' && file instanceof Blob) {
      try {
        content = await file.text();
      } catch (cause) {
        throw new ClassifierError('invalid-dataset', 'Not a valid dataset file: it could not be read.', { cause });
      }
    }
    const slot = this.slot();
    await slot.restoring;
    const parsed = parseDatasetFile(content, {
      extractorId: slot.extractorId,
      dimension: slot.dimension ?? this.host.features().dimension ?? extractorDimension,
      mirrored: slot.mirrored,
    });
    slot.dataset.replace(parsed.classes);
    slot.dimension = parsed.dimension;
    this.changed(slot);
  }

  /** Save now (with `autoSave: false`, or to retry after a storage error). */
  async save(): Promise<void> {
    this.slot().dirty = true;
    await this.shelf.flush();
    const error = this.host.getState().storage.error;
    if (error) throw error;
  }

  /** Whether each class has enough examples to be predicted. */
  eligible(): boolean[] {
    const { minExamples } = this.host.options();
    return this.dataset().classes.map((c) => c.examples.length >= minExamples);
  }
}
