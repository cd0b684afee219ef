import { Store } from '../store/Store';
import { backendManager, getFrameLoop, modelCache, type FrameTaskHandle } from '../runtime/index';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import { ClassifierError } from './ClassifierError';
import { resolveClassifierOptions, type ClassifierEngineOptions, type ResolvedClassifierOptions } from './classifierOptions';
import { exampleId, type Dataset } from './Dataset';
import { DatasetShelf, type DatasetSlot } from './DatasetShelf';
import { IndexedDbDatasetStorage, storageKey } from './datasetStorage';
import { parseDatasetFile, toDatasetFile, type DatasetFileV1 } from './datasetFile';
import { DenseHead, type TrainOptions } from './DenseHead';
import { describeFeatures, featuresKey } from './extractors/features';
import type { FeatureDescriptor, FeatureExtractor } from './extractors/FeatureExtractor';
import { LeasedExtractor } from './extractors/LeasedExtractor';
import { isFrame, makeThumbnail, waitForFrame, withFrame } from './frames';
import { knnVote, normalize, type Neighbour } from './knn';
import { decide, unknownPrediction } from './predictions';
import { predictTeachableMachine, teachableMachineSpec, type TeachableMachineModel } from './teachableMachine';
import type { ClassifierPrediction, ClassifierState, ExampleInfo, ExtractFunction, FeaturesOption } from './types';

export type { ClassifierEngineOptions } from './classifierOptions';

const NO_PROGRESS = { loaded: 0, total: 0 };

/**
 * A classifier the user trains in the browser (a framework-free `Store<ClassifierState>`).
 *
 * - Features: each frame becomes an embedding (`'image'` MobileNetV2, `'pose'` MoveNet keypoints,
 *   `'face'` landmarks, or your function); predictions are a cosine KNN over the examples, or a
 *   dense head trained with `train()`, or a Teachable Machine export.
 * - The examples are unit-length `Float32Array`s on the CPU: a lost WebGL context or a backend
 *   switch costs nothing but a model reload. With `datasetName` they are saved to IndexedDB after
 *   every change and restored when the engine starts; `exportDataset()`/`importDataset()` move
 *   them through a versioned JSON file that is fully validated before anything changes.
 * - Resources (the extractor's model lease, the frame loop) are held while someone listens
 *   (`subscribe`, `subscribeResults`) or after a direct call (`estimate`, `addExample`), and let
 *   go on the last unsubscribe or `dispose()`; the engine stays usable afterwards.
 * - `estimate(input, timestampMs)` is the one code path for the frame loop, tests and benches.
 *
 * ```ts
 * const engine = new ClassifierEngine({ features: 'pose', datasetName: 'game' });
 * engine.setSource(video);
 * engine.startRecording('up'); // ... engine.stopRecording();
 * engine.subscribe(() => console.log(engine.getSnapshot().prediction?.label));
 * ```
 */
export class ClassifierEngine extends Store<ClassifierState> {
  private options: ResolvedClassifierOptions;
  private descriptor: FeatureDescriptor;
  private featuresId: string;
  /** The user's extract function, read per frame so a new arrow function each render is fine. */
  private customExtract: ExtractFunction | null = null;
  private extractor: FeatureExtractor | null = null;
  private stopExtractor: (() => void) | null = null;
  /** A Teachable Machine export used as the whole classifier: its "features" are the class probabilities. */
  private tm: LeasedExtractor<TeachableMachineModel> | null = null;
  private tmKey = '';
  private stopTm: (() => void) | null = null;
  private source: FrameSourceElement | null = null;
  private task: FrameTaskHandle | null = null;
  private taskSource: FrameSourceElement | null = null;
  private taskMaxFps = 0;
  private stopTaskStats: (() => void) | null = null;
  private resultListeners = new Set<(prediction: ClassifierPrediction) => void>();
  private held = false;
  private active = false;
  /** Counted on the backend manager: tensors are made here (element frames, the dense head). */
  private backendHeld = false;
  /** One dataset per storage key (name, extractor, mirroring): switching features loses nothing. */
  private shelf: DatasetShelf;
  private key: string;
  private neighbours: Neighbour[] | null = null;
  private recording: { label: string; last: number } | null = null;
  private head = new DenseHead();
  private inferenceError: Error | null = null;

  constructor(options: ClassifierEngineOptions = {}) {
    const resolved = resolveClassifierOptions(options);
    const described = describeFeatures(resolved.features);
    super({
      status: 'idle',
      error: null,
      progress: NO_PROGRESS,
      backend: null,
      fps: 0,
      latencyMs: 0,
      droppedFrames: 0,
      extractor: { id: described.id, dimension: described.dimension },
      classes: [],
      prediction: null,
      recording: null,
      storage: { status: resolved.datasetName ? 'loading' : 'off', error: null },
      training: { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null },
      readOnly: resolved.teachableMachine !== null,
      timings: { embedMs: 0, classifyMs: 0 },
    });
    this.options = resolved;
    this.customExtract = customOf(resolved.features);
    this.descriptor = describeFeatures(wrapCustom(resolved.features, (args) => this.runCustom(args)));
    this.featuresId = featuresKey(resolved.features);
    this.shelf = new DatasetShelf(
      resolved.storage ?? new IndexedDbDatasetStorage(),
      (slot, storage) => slot === this.slot() && this.setState({ storage }),
      (slot) => {
        if (slot !== this.slot()) return;
        this.neighbours = null;
        this.setState({ classes: slot.dataset.info() });
        if (slot.dirty) this.shelf.changed(slot, this.options.autoSave);
      },
    );
    this.key = this.currentKey();
  }

  private runCustom(args: Parameters<ExtractFunction>): ReturnType<ExtractFunction> {
    return this.customExtract ? this.customExtract(...args) : null;
  }

  /** The options in force, defaults filled in. */
  getOptions(): Readonly<ResolvedClassifierOptions> {
    return this.options;
  }

  /**
   * Change some options; the rest keep their values. Throws a `TypeError` (and changes nothing)
   * when one is invalid. New features, mirroring or dataset name switch to that dataset (the
   * previous one stays in memory and, with a name, in IndexedDB).
   */
  setOptions(partial: ClassifierEngineOptions): void {
    const next = resolveClassifierOptions(partial, this.options);
    const prev = this.options;
    this.options = next;
    this.customExtract = customOf(next.features);
    if (partial.storage) this.shelf.storage = partial.storage;
    const newFeatures = featuresKey(next.features) !== this.featuresId;
    if (newFeatures) {
      this.descriptor = describeFeatures(wrapCustom(next.features, (args) => this.runCustom(args)));
      this.featuresId = featuresKey(next.features);
      if (this.extractor) {
        this.releaseExtractor();
        if (this.active && !next.teachableMachine) this.acquireExtractor();
      }
    }
    const tmChanged = JSON.stringify(next.teachableMachine) !== JSON.stringify(prev.teachableMachine);
    if (tmChanged && this.active) this.syncModel();
    if (newFeatures || next.mirrored !== prev.mirrored || next.datasetName !== prev.datasetName || tmChanged) this.switchDataset();
    if (next.minExamples !== prev.minExamples) this.neighbours = null;
    if (next.autoSave && !prev.autoSave && this.slot().dirty) this.shelf.changed(this.slot(), true);
    if (next.predict !== prev.predict || next.maxFps !== prev.maxFps || next.recordFps !== prev.recordFps) this.syncTask();
    this.setState({ readOnly: next.teachableMachine !== null });
  }

  /** Classify frames of `source` (a video, image or canvas), or stop with `null`. */
  setSource(source: FrameSourceElement | null): void {
    if (source === this.source) return;
    this.source = source;
    this.setState({ prediction: null, fps: 0 });
    this.syncTask();
  }

  /**
   * Call `listener` with every prediction, without a snapshot (for a game loop). Holds the
   * engine's resources like `subscribe` does.
   */
  subscribeResults(listener: (prediction: ClassifierPrediction) => void): () => void {
    this.resultListeners.add(listener);
    this.sync();
    return () => {
      if (this.resultListeners.delete(listener)) this.sync();
    };
  }

  /** Resolves once the features (or the Teachable Machine model) and a saved dataset are loaded. */
  async ready(): Promise<void> {
    this.hold();
    await Promise.all([(this.tm ?? this.extractor)?.ready(), this.slot().restoring]);
  }

  /**
   * Classify one frame (and, while recording, keep it as an example). The frame loop calls this
   * for each frame; call it yourself to step through a video deterministically.
   */
  async estimate(input: Frame | FrameSourceElement, timestampMs?: number): Promise<ClassifierPrediction> {
    this.hold();
    if (!isFrame(input)) await Promise.all([this.ensureBackend(), waitForFrame(input)]);
    return withFrame(input, timestampMs, async (frame) => {
      const started = performance.now();
      let prediction: ClassifierPrediction;
      let embedded = started;
      if (this.tm) {
        const tm = this.tm;
        const probabilities = (await this.guard(() => tm.extract(frame, { mirrored: this.options.mirrored })))!;
        const labels = tm.model?.labels ?? [];
        embedded = performance.now();
        prediction = decide(labels, probabilities, labels.map(() => true), this.options.threshold, frame.timestamp);
      } else {
        const embedding = await this.embed(frame);
        embedded = performance.now();
        const recording = this.recording;
        if (embedding && recording && started - recording.last >= 1000 / this.options.recordFps - 2) {
          recording.last = started;
          this.store(recording.label, embedding, frame.source);
        }
        prediction = await this.predictFrom(embedding, frame.timestamp);
      }
      const finished = performance.now();
      this.setState({
        prediction,
        latencyMs: finished - started,
        timings: { embedMs: embedded - started, classifyMs: finished - embedded },
      });
      for (const listener of [...this.resultListeners]) listener(prediction);
      return prediction;
    });
  }

  /** Classify the current frame of the source (or `input`) now, whatever `predict` says. */
  classify(input?: Frame | FrameSourceElement): Promise<ClassifierPrediction> {
    return this.estimate(this.inputOrSource(input));
  }

  /**
   * Classify an embedding you already have (from `embed()` or your own features), without touching
   * the state: the pure KNN / dense-head step.
   */
  classifyEmbedding(embedding: Float32Array, timestamp = 0): Promise<ClassifierPrediction> {
    return this.predictFrom(normalize(Float32Array.from(embedding)), timestamp);
  }

  /** Turn a frame into its unit-length embedding (`null` when it holds no person or face). */
  async embed(input: Frame | FrameSourceElement): Promise<Float32Array | null> {
    this.hold();
    const extractor = this.extractor;
    if (!extractor) throw new ClassifierError('invalid-action', 'This classifier is a Teachable Machine model: it has no feature extractor.');
    if (!isFrame(input)) await Promise.all([this.ensureBackend(), waitForFrame(input)]);
    return withFrame(input, undefined, async (frame) => {
      if (extractor.getSnapshot().status !== 'ready') await extractor.ready();
      const raw = await this.guard(() => extractor.extract(frame, { mirrored: this.options.mirrored }));
      if (!raw) return null;
      const expected = this.slot().dimension ?? extractor.dimension;
      if (expected !== null && raw.length !== expected) {
        throw new ClassifierError('extractor', `The "${extractor.id}" features gave ${raw.length} numbers; the dataset's examples have ${expected}.`);
      }
      if (this.getSnapshot().extractor.dimension !== raw.length) this.setState({ extractor: { id: extractor.id, dimension: raw.length } });
      return normalize(Float32Array.from(raw));
    });
  }

  /** Add a class with no examples yet (no-op if it exists). */
  addClass(name: string): void {
    this.writable();
    this.dataset().addClass(name);
    this.changed();
  }

  /**
   * Keep the current frame of the source (or `input`) as an example of `label` (the class is
   * created if needed). Resolves with the example, or `null` when the frame held nothing to embed.
   */
  async addExample(label: string, input?: Frame | FrameSourceElement): Promise<ExampleInfo | null> {
    this.writable();
    const from = this.inputOrSource(input);
    this.dataset().addClass(label);
    const embedding = await this.embed(from);
    if (!embedding) {
      this.changed();
      return null;
    }
    return this.store(label, embedding, isFrame(from) ? from.source : from);
  }

  /** Add an embedding you computed yourself (normalised here) as an example of `label`. */
  addEmbedding(label: string, embedding: Float32Array, thumbnail: string | null = null): ExampleInfo {
    this.writable();
    const expected = this.slot().dimension ?? this.descriptor.dimension;
    if (expected !== null && embedding.length !== expected) {
      throw new ClassifierError('invalid-action', `Embeddings of "${this.descriptor.id}" have ${expected} numbers; got ${embedding.length}.`);
    }
    if (!embedding.every(Number.isFinite)) throw new ClassifierError('invalid-action', 'The embedding contains NaN or infinite numbers.');
    return this.put(label, normalize(Float32Array.from(embedding)), thumbnail);
  }

  /** Keep one example of `label` per `1 / recordFps` seconds from the frames classified, until `stopRecording()`. */
  startRecording(label: string): void {
    this.writable();
    this.dataset().addClass(label);
    this.recording = { label, last: -Infinity };
    this.setState({ recording: label });
    this.changed();
    this.syncTask();
  }

  stopRecording(): void {
    if (!this.recording) return;
    this.recording = null;
    this.setState({ recording: null });
    this.syncTask();
  }

  removeExample(id: string): void {
    this.writable();
    if (!this.dataset().removeExample(id)) throw new ClassifierError('invalid-action', `There is no example with id "${id}".`);
    this.changed();
  }

  clearClass(name: string): void {
    this.writable();
    this.dataset().clearClass(name);
    this.changed();
  }

  renameClass(from: string, to: string): void {
    this.writable();
    this.dataset().renameClass(from, to);
    if (this.recording?.label === from) {
      this.recording.label = to;
      this.setState({ recording: to });
    }
    this.changed();
  }

  removeClass(name: string): void {
    this.writable();
    if (this.recording?.label === name) this.stopRecording();
    this.dataset().removeClass(name);
    this.changed();
  }

  /** Remove every class and example (the saved copy too, at the next autosave). */
  reset(): void {
    this.writable();
    this.stopRecording();
    this.dataset().clear();
    this.slot().dimension = null;
    this.changed();
  }

  /** The dataset as a version-1 file object (JSON-serialisable). */
  toDatasetFile(options: { thumbnails?: boolean } = {}): DatasetFileV1 {
    const dimension = this.slot().dimension ?? this.descriptor.dimension ?? this.extractor?.dimension ?? null;
    if (dimension === null) throw new ClassifierError('invalid-action', 'Nothing to export yet: the custom features have not produced an embedding.');
    return toDatasetFile(this.dataset().classes, { extractorId: this.descriptor.id, dimension, mirrored: this.options.mirrored }, options);
  }

  /** The dataset as a JSON file (`application/json`) to download. */
  exportDataset(options: { thumbnails?: boolean } = {}): Blob {
    return new Blob([JSON.stringify(this.toDatasetFile(options))], { type: 'application/json' });
  }

  /**
   * Replace the dataset with a file's (a `File`/`Blob`, its text, or the parsed object). The file
   * is validated completely first; on any problem this rejects with a `ClassifierError`
   * (`invalid-dataset`, `unsupported-version`, `extractor-mismatch`, `mirror-mismatch`) and the
   * current dataset is untouched.
   */
  async importDataset(file: Blob | string | DatasetFileV1 | object): Promise<void> {
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
      dimension: slot.dimension ?? this.descriptor.dimension ?? this.extractor?.dimension ?? null,
      mirrored: slot.mirrored,
    });
    if (this.recording) this.stopRecording();
    slot.dataset.replace(parsed.classes);
    slot.dimension = parsed.dimension;
    this.changed(slot);
  }

  /** Save now (with `autoSave: false`, or to retry after a storage error). */
  async save(): Promise<void> {
    this.slot().dirty = true;
    await this.shelf.flush();
    const error = this.getSnapshot().storage.error;
    if (error) throw error;
  }

  /**
   * Train the dense head on the examples (classes with at least `minExamples`). Progress is in
   * `state.training`; with `head: 'dense'` predictions use it until the examples change.
   */
  async train(options: TrainOptions = {}): Promise<void> {
    this.writable();
    const classes = this.dataset().classes.filter((c) => c.examples.length >= this.options.minExamples);
    const epochs = options.epochs ?? 30;
    this.setState({ training: { status: 'training', epoch: 0, epochs, loss: null, error: null } });
    try {
      await this.ensureBackend();
      const loss = await this.head.train(classes, {
        ...options,
        onEpoch: (epoch, loss) => {
          this.setState({ training: { status: 'training', epoch, epochs, loss, error: null } });
          options.onEpoch?.(epoch, loss);
        },
      });
      this.setState({ training: { status: 'trained', epoch: epochs, epochs, loss, error: null } });
    } catch (error) {
      const failure = error instanceof ClassifierError ? error : new ClassifierError('training', String(error), { cause: error });
      this.setState({ training: { ...this.getSnapshot().training, status: 'error', error: failure } });
      throw failure;
    }
  }

  /**
   * Let go of the models, the frame loop and pending work (a pending save is written first).
   * The engine stays usable: a new subscription or call acquires them again (React StrictMode).
   */
  dispose(): void {
    this.held = false;
    this.sync();
  }

  protected override onFirstSubscribe(): void {
    this.sync();
  }

  protected override onLastUnsubscribe(): void {
    this.sync();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  private get wanted(): boolean {
    return this.held || this.listenerCount > 0 || this.resultListeners.size > 0;
  }

  private hold(): void {
    if (!this.held) {
      this.held = true;
      this.sync();
    }
  }

  private sync(): void {
    if (this.wanted && !this.active) {
      this.active = true;
      this.syncModel();
      this.shelf.restore(this.slot());
    } else if (!this.wanted && this.active) {
      this.active = false;
      this.stopRecording();
      this.releaseExtractor();
      this.releaseTm();
      if (this.backendHeld) {
        this.backendHeld = false;
        backendManager.release();
      }
      if (this.options.autoSave) void this.shelf.flush();
      this.setState({ status: 'idle', error: null, progress: NO_PROGRESS, prediction: null, fps: 0 });
    }
    this.syncTask();
  }

  /** Hold the TF.js backend (once per activation) and wait until it is ready. */
  private async ensureBackend(): Promise<void> {
    if (!this.backendHeld) {
      this.backendHeld = true;
      backendManager.acquire().catch(() => {});
    }
    if (backendManager.getSnapshot().status !== 'ready') await backendManager.ready();
  }

  /** Hold the extractor, or the Teachable Machine model, whichever the options ask for. */
  private syncModel(): void {
    if (this.options.teachableMachine) {
      this.releaseExtractor();
      const spec = teachableMachineSpec(this.options.teachableMachine);
      if (this.tm && this.tmKey === spec.key) return;
      this.releaseTm();
      const tm = new LeasedExtractor('teachable-machine', null, modelCache.acquire(spec), (model, frame, ctx) => predictTeachableMachine(model, frame.pixels(), ctx.mirrored));
      this.tm = tm;
      this.tmKey = spec.key;
      const update = () => {
        const labels = tm.model?.labels ?? [];
        this.refreshStatus();
        if (tm.model && this.getSnapshot().classes.map((c) => c.name).join('\n') !== labels.join('\n')) {
          this.setState({ classes: labels.map((name) => ({ name, count: 0, examples: [] })) });
        }
      };
      this.stopTm = tm.subscribe(update);
      tm.ready().catch(() => {});
      update();
    } else {
      this.releaseTm();
      if (!this.extractor) this.acquireExtractor();
    }
  }

  private acquireExtractor(): void {
    const extractor = this.descriptor.create();
    this.extractor = extractor;
    this.stopExtractor = extractor.subscribe(() => this.refreshStatus());
    extractor.ready().catch(() => {});
    this.refreshStatus();
  }

  private releaseExtractor(): void {
    this.stopExtractor?.();
    this.stopExtractor = null;
    this.extractor?.release();
    this.extractor = null;
  }

  private releaseTm(): void {
    this.stopTm?.();
    this.stopTm = null;
    this.tm?.release();
    this.tm = null;
    this.tmKey = '';
  }

  private refreshStatus(): void {
    const source = this.tm ?? this.extractor;
    if (!source) return;
    const s = source.getSnapshot();
    const error = s.error ?? this.inferenceError;
    this.setState({
      status: error ? 'error' : s.status,
      error,
      progress: s.progress,
      backend: s.backend,
    });
  }

  /** Register on (or leave) the source's frame loop: while active, with a source, predicting or recording. */
  private syncTask(): void {
    const want = this.active && this.source !== null && (this.options.predict || this.recording !== null);
    const maxFps = Math.max(this.options.maxFps, this.recording ? this.options.recordFps : 0);
    if (this.task && want && this.taskSource === this.source && this.taskMaxFps === maxFps) return;
    this.stopTaskStats?.();
    this.stopTaskStats = null;
    this.task?.remove();
    this.task = null;
    if (!want || !this.source) return;
    const task = getFrameLoop(this.source).add({ maxFps, run: (frame) => this.runFrame(frame) });
    this.task = task;
    this.taskSource = this.source;
    this.taskMaxFps = maxFps;
    this.stopTaskStats = task.subscribe(() => {
      const stats = task.stats();
      this.setState({ fps: stats.fps, droppedFrames: stats.dropped });
    });
  }

  private async runFrame(frame: Frame): Promise<void> {
    // Frames that arrive before the model is ready are skipped, not queued.
    const status = (this.tm ?? this.extractor)?.getSnapshot().status;
    if (status !== 'ready') return;
    try {
      await this.estimate(frame);
    } catch {
      // Already in the state (status 'error'); the loop goes on with the next frame.
    }
  }

  /** Run inference, turning a failure into the state's error (cleared by the next success). */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      const out = await run();
      if (this.inferenceError) {
        this.inferenceError = null;
        this.refreshStatus();
      }
      return out;
    } catch (error) {
      const failure =
        error instanceof ClassifierError || (error instanceof Error && /Error$/.test(error.name) && error.name !== 'Error')
          ? (error as Error)
          : new ClassifierError('extractor', `Extracting features failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      this.inferenceError = failure;
      this.refreshStatus();
      throw failure;
    }
  }

  // ---- examples and predictions ---------------------------------------------------------------

  private currentKey(): string {
    const id = this.options.teachableMachine ? `teachable-machine:${this.options.teachableMachine.modelUrl}` : this.descriptor.id;
    return storageKey(this.options.datasetName ?? '', id, this.options.mirrored);
  }

  /** The dataset in use (and what is known about it). */
  private slot(): DatasetSlot {
    return this.shelf.get(this.key, {
      extractorId: this.descriptor.id,
      mirrored: this.options.mirrored,
      persisted: this.options.datasetName !== null && this.options.teachableMachine === null,
    });
  }

  private dataset(): Dataset {
    return this.slot().dataset;
  }

  private switchDataset(): void {
    const key = this.currentKey();
    if (key === this.key) return;
    this.stopRecording();
    this.key = key;
    this.neighbours = null;
    this.head.dispose();
    this.setState({
      extractor: { id: this.descriptor.id, dimension: this.slot().dimension ?? this.descriptor.dimension },
      classes: this.options.teachableMachine ? [] : this.dataset().info(),
      prediction: null,
      training: { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null },
      storage: { status: this.slot().persisted ? (this.slot().restored ? 'saved' : 'loading') : 'off', error: null },
    });
    if (this.active) {
      this.shelf.restore(this.slot());
      if (this.options.teachableMachine) this.syncModel();
    }
  }

  private writable(): void {
    if (this.options.teachableMachine) {
      throw new ClassifierError('invalid-action', 'This classifier is a Teachable Machine model: its classes cannot be changed here.');
    }
  }

  private inputOrSource(input?: Frame | FrameSourceElement): Frame | FrameSourceElement {
    const from = input ?? this.source;
    if (!from) throw new ClassifierError('invalid-action', 'There is no frame to use: set a source first (or pass an input).');
    return from;
  }

  private store(label: string, embedding: Float32Array, source: FrameSourceElement): ExampleInfo {
    const thumbnail = makeThumbnail(source, this.options.thumbnailSize, this.options.mirrored);
    return this.put(label, embedding, thumbnail);
  }

  private put(label: string, embedding: Float32Array, thumbnail: string | null): ExampleInfo {
    const id = exampleId();
    const slot = this.slot();
    slot.dataset.addExample(label, { id, embedding, thumbnail });
    slot.dimension ??= embedding.length;
    this.changed();
    return { id, thumbnail };
  }

  /** After any change to a dataset: new class list, new neighbours, a stale head, an autosave. */
  private changed(slot = this.slot()): void {
    this.shelf.changed(slot, this.options.autoSave);
    if (slot !== this.slot()) return;
    this.neighbours = null;
    const training = this.getSnapshot().training;
    this.setState({
      classes: this.dataset().info(),
      ...(training.status === 'trained' ? { training: { ...training, status: 'stale' as const } } : {}),
    });
  }

  private eligible(): boolean[] {
    return this.dataset().classes.map((c) => c.examples.length >= this.options.minExamples);
  }

  private async predictFrom(embedding: Float32Array | null, timestamp: number): Promise<ClassifierPrediction> {
    const classes = this.dataset().classes;
    const names = classes.map((c) => c.name);
    if (!embedding) return unknownPrediction(names, new Float32Array(names.length), 'no-features', timestamp);
    const eligible = this.eligible();
    if (!eligible.some(Boolean)) return unknownPrediction(names, new Float32Array(names.length), 'too-few-examples', timestamp);
    const training = this.getSnapshot().training;
    if (this.options.head === 'dense' && training.status === 'trained' && this.head.trained) {
      await this.ensureBackend();
      const probabilities = await this.head.predict(embedding);
      const scores = new Float32Array(names.length);
      this.head.labels.forEach((label, i) => {
        const index = names.indexOf(label);
        if (index >= 0) scores[index] = probabilities[i];
      });
      return decide(names, scores, eligible, this.options.threshold, timestamp);
    }
    this.neighbours ??= classes.flatMap((c, classIndex) => (eligible[classIndex] ? c.examples.map((e) => ({ classIndex, embedding: e.embedding })) : []));
    return decide(names, knnVote(embedding, this.neighbours, names.length, this.options.k), eligible, this.options.threshold, timestamp);
  }
}

function customOf(option: FeaturesOption): ExtractFunction | null {
  if (typeof option === 'function') return option;
  if (typeof option === 'object' && option.kind === 'custom') return option.extract;
  return null;
}

/** Route a custom extractor through `call` so the engine always runs the latest function passed in. */
function wrapCustom(option: FeaturesOption, call: (args: Parameters<ExtractFunction>) => ReturnType<ExtractFunction>): FeaturesOption {
  if (typeof option === 'function') return { kind: 'custom', id: 'custom', extract: (...args) => call(args) };
  if (typeof option === 'object' && option.kind === 'custom') return { ...option, extract: (...args) => call(args) };
  return option;
}
