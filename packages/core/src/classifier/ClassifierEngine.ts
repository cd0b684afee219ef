import type { TaskInput } from '../task/taskInput';
import { isFrame, isTensor } from '../task/taskInput';
import { ClassifierError } from './ClassifierError';
import { ClassifierTask } from './ClassifierTask';
import type { DatasetFile, DatasetFileV2 } from './datasetFile';
import type { TrainOptions } from './DenseHead';
import { normalize } from './knn';
import { assessDataset, type DatasetQuality, type QualityOptions } from './datasetQuality';
import type { ExampleInfo } from './types';

export type { ClassifierEngineOptions } from './classifierOptions';
export type { ClassifierResult } from './ClassifierTask';

/**
 * A classifier the user trains in the browser: a task on the shared `TaskEngine` contract.
 *
 * - Features: each frame becomes an embedding (`'image'` MobileNetV2, `'pose'` MoveNet keypoints,
 *   `'face'` landmarks, `'hands'` hand landmarks, or your function); predictions are a cosine KNN over the examples, or a
 *   dense head trained with `train()`, or a Teachable Machine export.
 * - The examples are unit-length `Float32Array`s on the CPU (a lost WebGL context costs only a
 *   model reload). With `datasetName` they are saved to IndexedDB after every change and restored
 *   when the engine starts; `exportDataset()`/`importDataset()` move them through a validated file.
 * - Every failure of a frame (a dimension mismatch, the dense head, a thumbnail) is in the state
 *   and cleared by the next good frame; a stale frame (new source, dataset switch) is never
 *   published.
 *
 * ```ts
 * const engine = new ClassifierEngine({ features: 'pose', datasetName: 'game' });
 * engine.setSource(video);
 * engine.startRecording('up'); // ... engine.stopRecording();
 * engine.subscribe(() => console.log(engine.getSnapshot().prediction?.label));
 * ```
 */
export class ClassifierEngine extends ClassifierTask {
  // ---- the dataset ------------------------------------------------------------------------------

  /** Add a class with no examples yet (no-op if it exists). */
  addClass(name: string): void {
    this.data.writable();
    this.data.dataset().addClass(name);
    this.data.changed();
  }

  /** Keep the current frame of the source (or `input`) as an example of `label`; `null` when it held nothing to embed. */
  async addExample(label: string, input?: TaskInput): Promise<ExampleInfo | null> {
    this.data.writable();
    const from = this.inputOrSource(input);
    this.data.dataset().addClass(label);
    if (this.options.teachableMachine) throw new ClassifierError('invalid-action', 'This classifier is a Teachable Machine model: it has no feature extractor.');
    if (!isFrame(from) && !isTensor(from)) await this.waitFor(from);
    const example = await this.example(from);
    if (!example) {
      this.data.changed();
      return null;
    }
    return this.store(label, example.embedding, isFrame(from) ? from.source : isTensor(from) ? null : from, example.augmented);
  }

  /** Add an embedding you computed yourself (normalised here) as an example of `label`. */
  addEmbedding(label: string, embedding: Float32Array, thumbnail: string | null = null): ExampleInfo {
    this.data.writable();
    const expected = this.data.slot().dimension ?? this.descriptor.dimension;
    if (expected !== null && embedding.length !== expected) {
      throw new ClassifierError('invalid-action', `Embeddings of "${this.descriptor.id}" have ${expected} numbers; got ${embedding.length}.`);
    }
    if (!embedding.every(Number.isFinite)) throw new ClassifierError('invalid-action', 'The embedding contains NaN or infinite numbers.');
    return this.data.put(label, normalize(Float32Array.from(embedding)), thumbnail);
  }

  /** Keep one example of `label` per `1 / recordFps` seconds from the frames classified, until `stopRecording()`. */
  startRecording(label: string): void {
    this.data.writable();
    this.data.dataset().addClass(label);
    this.recorder.start(label);
    this.data.changed();
  }

  stopRecording(): void {
    this.recorder.stop();
  }

  removeExample(id: string): void {
    this.data.writable();
    if (!this.data.dataset().removeExample(id)) throw new ClassifierError('invalid-action', `There is no example with id "${id}".`);
    this.data.changed();
  }

  clearClass(name: string): void {
    this.data.writable();
    this.data.dataset().clearClass(name);
    this.data.changed();
  }

  renameClass(from: string, to: string): void {
    this.data.writable();
    this.data.dataset().renameClass(from, to);
    this.recorder.renamed(from, to);
    this.data.changed();
  }

  removeClass(name: string): void {
    this.data.writable();
    if (this.recorder.label === name) this.stopRecording();
    this.data.dataset().removeClass(name);
    this.data.changed();
  }

  /** Remove every class and example (the saved copy too, at the next autosave). `reset()` only forgets temporal state. */
  clearDataset(): void {
    this.data.writable();
    this.stopRecording();
    this.data.clear();
  }

  /** The dataset as a version-2 file object (JSON-serialisable). */
  toDatasetFile(options: { thumbnails?: boolean } = {}): DatasetFileV2 {
    return this.data.toFile(options, this.getSnapshot().extractor.dimension);
  }

  /** The dataset as a JSON file (`application/json`) to download. */
  exportDataset(options: { thumbnails?: boolean } = {}): Blob {
    return new Blob([JSON.stringify(this.toDatasetFile(options))], { type: 'application/json' });
  }

  /**
   * Replace the dataset with a file's (a `File`/`Blob`, its text, or the parsed object), validated
   * completely first: on any problem this rejects with a `ClassifierError` (`invalid-dataset`,
   * `unsupported-version`, `extractor-mismatch`, `mirror-mismatch`) and nothing changes.
   */
  async importDataset(file: Blob | string | DatasetFile | object): Promise<void> {
    this.stopRecording();
    await this.data.import(file, this.getSnapshot().extractor.dimension);
  }

  /**
   * What a person can act on, per class: too few examples, how sure the classifier can be of it
   * (each example left out with its copies and classified by the rest, in the classifier's space)
   * and which class it is taken for. Computed on demand (examples × vectors × dimension).
   */
  assess(options: Pick<QualityOptions, 'recommended' | 'similarShare'> = {}): DatasetQuality {
    return assessDataset(this.data.dataset().classes, { k: this.options.k, metric: this.options.metric, ...options });
  }

  /** Save now (with `autoSave: false`, or to retry after a storage error). */
  save(): Promise<void> {
    return this.data.save();
  }

  /**
   * Train the dense head on the examples (classes with at least `minExamples`). Progress is in
   * `state.training`; with `head: 'dense'` predictions use it until the examples change.
   */
  async train(options: TrainOptions = {}): Promise<void> {
    this.data.writable();
    this.worker.remember(options);
    if (this.remote) {
      // In the worker: its engine trains on the mirrored examples, progress arrives in state.
      await this.worker.train(options);
      return this.reoffer();
    }
    const classes = this.data.dataset().classes.filter((c) => c.examples.length >= this.options.minExamples);
    await this.runtime.backend.acquire().finally(() => this.runtime.backend.release());
    await this.pipeline.train(classes, options, this.options.metric, (training) => this.setState({ training }));
    this.reoffer();
  }

}
