import type { Runtime } from '../runtime/Runtime';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import { TaskEngine, type TaskModels } from '../task/TaskEngine';
import type { TaskPlacement } from '../task/TaskLifecycle';
import { isFrame, isTensor, type TaskInput } from '../task/taskInput';
import { initialTaskState, type TaskResult } from '../task/types';
import { classifierInferenceError, ClassifierError } from './ClassifierError';
import { resolveClassifierOptions, type ClassifierEngineOptions, type ResolvedClassifierOptions } from './classifierOptions';
import { extractorModel, teachableMachineModel } from './classifierModels';
import { ClassifierPipeline } from './ClassifierPipeline';
import { Recorder } from './Recorder';
import { augmentViews, resolveAugment } from './augmentation';
import { DatasetController } from './DatasetController';
import { describeFeatures } from './extractors/features';
import type { FeatureDescriptor, FeatureExtractor } from './extractors/FeatureExtractor';
import { makeThumbnail, waitForFrame } from './frames';
import { normalize } from './knn';
import { decide } from './predictions';
import { classifierWorkerOptions, RemoteClassifier } from './RemoteClassifier';
import type { ClassifierWorkerExtras } from './classifierWire';
import type { RemoteTask } from '../executor/types';
import { predictTeachableMachine, type TeachableMachineModel } from './teachableMachine';
import type { ClassifierPrediction, ClassifierState, ExampleInfo, ExtractFunction, FeaturesOption } from './types';

export type { ClassifierEngineOptions } from './classifierOptions';

/** What `estimate` resolves with and result listeners receive: the prediction of one frame. */
export type ClassifierResult = ClassifierPrediction & TaskResult;

type ClassifierModels = { features?: FeatureExtractor; tm?: TeachableMachineModel };

/**
 * The classifier as a task on the shared contract: its models (features or a Teachable Machine
 * export), `infer` (embed, record, predict), and its direct calls (`classify`, `embed`). The
 * dataset API lives on `ClassifierEngine`, which extends it.
 */
export abstract class ClassifierTask extends TaskEngine<ClassifierEngineOptions, ResolvedClassifierOptions, ClassifierResult, ClassifierModels, ClassifierState> {
  protected descriptor: FeatureDescriptor;
  /** The user's extract function, read per frame so a new arrow function each render is fine. */
  private customExtract: ExtractFunction | null = null;
  protected readonly data: DatasetController;
  protected readonly pipeline: ClassifierPipeline;
  protected readonly recorder = new Recorder((label) => {
    this.setState({ recording: label, nothingToRecord: false });
    this.syncTask();
    this.worker.changed();
  });
  /** The main side of the worker engine, while the classifier runs in the worker. */
  protected readonly worker: RemoteClassifier;
  protected disposed = new AbortController();
  /** Counts examples taken, so each one's augmented copies differ (and runs repeat exactly). */
  private augmentSeed = 0;

  constructor(options: ClassifierEngineOptions = {}, runtime?: Runtime) {
    const resolved = resolveClassifierOptions(options);
    const described = describeFeatures(resolved.features);
    super(
      {
        initialState: {
          ...initialTaskState(),
          extractor: { id: described.id, dimension: described.dimension },
          classes: [],
          prediction: null,
          recording: null,
          nothingToRecord: false,
          storage: { status: resolved.datasetName ? 'loading' : 'off', error: null },
          training: { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null },
          readOnly: resolved.teachableMachine !== null,
          timings: { embedMs: 0, classifyMs: 0 },
        },
        resolve: resolveClassifierOptions,
        toError: classifierInferenceError,
        worker: 'classifier',
        workerOptions: classifierWorkerOptions,
      },
      options,
      runtime,
    );
    this.customExtract = customOf(this.options.features);
    this.descriptor = this.describe(this.options.features);
    this.pipeline = new ClassifierPipeline();
    this.data = new DatasetController({
      options: () => this.options,
      features: () => ({ id: this.descriptor.id, dimension: this.descriptor.dimension }),
      getState: () => this.getSnapshot(),
      patch: (state) => this.setState(state),
      invalidate: () => {
        this.pipeline.invalidate();
        this.worker.changed();
      },
      switched: () => {
        this.recorder.stop();
        this.pipeline.reset();
        this.dropResults();
        this.worker.changed();
      },
    });
    const [getState, patch] = [() => this.getSnapshot(), (state: Partial<ClassifierState>) => this.setState(state)];
    this.worker = new RemoteClassifier({ remote: () => this.remote, loaded: () => this.loadedModels(), data: this.data, recording: () => this.recorder.label, getState, patch, store: (...args) => this.store(...args) });
  }

  // ---- the task ---------------------------------------------------------------------------------

  protected models(options: ResolvedClassifierOptions): TaskModels {
    if (options.teachableMachine) {
      return {
        tm: teachableMachineModel(options.teachableMachine, (labels) => {
          if (this.getSnapshot().classes.map((c) => c.name).join('\n') !== labels.join('\n')) {
            this.setState({ classes: labels.map((name) => ({ name, count: 0, examples: [] })) });
          }
        }),
      };
    }
    return { features: extractorModel(options.features, this.descriptor) };
  }

  protected async infer(frame: Frame, { features, tm }: ClassifierModels, options: ResolvedClassifierOptions): Promise<ClassifierPrediction> {
    const started = performance.now();
    if (tm) {
      const probabilities = await predictTeachableMachine(tm, frame.pixels(), options.mirrored);
      this.setState({ timings: { embedMs: performance.now() - started, classifyMs: 0 } });
      return decide(tm.labels, probabilities, tm.labels.map(() => true), options.threshold, frame.timestamp);
    }
    const raw = features ? await this.rawWith(features, frame) : null;
    const embedding = raw ? normalize(Float32Array.from(raw)) : null;
    const embedded = performance.now();
    const label = embedding ? this.recorder.take(started, options.recordFps) : null;
    const nothingToRecord = this.recorder.label !== null && embedding === null;
    if (nothingToRecord !== this.getSnapshot().nothingToRecord) this.setState({ nothingToRecord });
    if (features && raw && embedding && label !== null) this.store(label, embedding, frame.source, await this.copiesOf(features, frame, raw));
    const prediction = await this.pipeline.predict(this.data.dataset().classes, this.data.eligible(), embedding, options, frame.timestamp);
    this.setState({ timings: { embedMs: embedded - started, classifyMs: performance.now() - embedded } });
    return prediction;
  }

  protected toState(result: ClassifierResult): Partial<ClassifierState> {
    return { prediction: result };
  }

  protected emptyResult(): Partial<ClassifierState> {
    return { prediction: null };
  }

  protected override placement(): TaskPlacement {
    const placement = super.placement();
    // Its labels are part of the state as soon as the export loads, with or without a frame: main.
    if (placement.kind === 'worker' && this.options.teachableMachine) return { kind: 'main', reason: 'a Teachable Machine export runs on the main thread' };
    return placement;
  }

  protected override onRemoteOpened(task: RemoteTask): void {
    this.worker.opened(task);
  }

  protected override fromWorker(out: Record<string, unknown>, frame: Frame, current: boolean): ClassifierPrediction {
    const { classifier, ...prediction } = out as unknown as ClassifierPrediction & { classifier?: ClassifierWorkerExtras };
    if (classifier) this.worker.received(classifier, frame, current);
    return prediction;
  }

  protected override runFrame(frame: Frame): Promise<void | 'dropped'> {
    if (this.remote) this.worker.dispatched(frame, this.recorder.label);
    return super.runFrame(frame);
  }

  protected override wantsFrames(): boolean {
    return this.options.predict || this.recorder.label !== null;
  }

  protected override frameFps(): number {
    return Math.max(this.options.maxFps, this.recorder.label !== null ? this.options.recordFps : 0);
  }

  protected override onOptionsChanged(previous: ResolvedClassifierOptions, next: ResolvedClassifierOptions): void {
    this.customExtract = customOf(next.features);
    this.data.useStorage(next.storage);
    if (this.describe(next.features).id !== this.descriptor.id || next.features !== previous.features) this.descriptor = this.describe(next.features);
    if (next.minExamples !== previous.minExamples) this.pipeline.invalidate();
    this.data.follow(this.listening);
    if (next.autoSave && !previous.autoSave && this.data.slot().dirty) this.data.changed();
    this.setState({ readOnly: next.teachableMachine !== null });
  }

  protected override onActivate(): void {
    this.disposed = new AbortController();
    this.data.restore();
  }

  protected override onDeactivate(): void {
    this.recorder.stop();
    this.disposed.abort();
    if (this.options.autoSave) void this.data.flush();
  }

  // ---- frames -----------------------------------------------------------------------------------

  /** An element is classified once it has a frame (a camera just mounted has none yet). */
  protected override async prepare(input: TaskInput): Promise<void> {
    if (!isFrame(input) && !isTensor(input)) await this.waitFor(input);
  }

  /** Classify the current frame of the source (or `input`) now, whatever `predict` says. */
  classify(input?: TaskInput): Promise<ClassifierResult> {
    return this.estimate(this.inputOrSource(input));
  }

  /** Classify an embedding you already have, without touching the state (the pure KNN / dense-head step). */
  classifyEmbedding(embedding: Float32Array, timestamp = 0): Promise<ClassifierPrediction> {
    if (this.remote) return this.worker.classify(embedding, timestamp);
    return this.pipeline.predict(this.data.dataset().classes, this.data.eligible(), normalize(Float32Array.from(embedding)), this.options, timestamp);
  }

  /** Turn a frame into its unit-length embedding (`null` when it holds no person or face). */
  async embed(input: TaskInput): Promise<Float32Array | null> {
    if (this.options.teachableMachine) throw new ClassifierError('invalid-action', 'This classifier is a Teachable Machine model: it has no feature extractor.');
    if (!isFrame(input) && !isTensor(input)) await this.waitFor(input);
    return this.withModels(input, async ({ features }, frame) => {
      if (this.remote) return (await this.worker.example(frame, false))?.embedding ?? null;
      return features ? this.embedWith(features, frame) : null;
    });
  }

  /** Let go of the models, the frame loop, the dense head's tensors (training is lost) and pending work (a pending save is written first). */
  override dispose(): void {
    super.dispose();
    this.pipeline.reset();
    this.setState({ training: { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null } });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private describe(option: FeaturesOption): FeatureDescriptor {
    return describeFeatures(wrapCustom(option, (args) => (this.customExtract ? this.customExtract(...args) : null)));
  }

  protected inputOrSource(input?: TaskInput): TaskInput {
    const from = input ?? this.source;
    if (!from) throw new ClassifierError('invalid-action', 'There is no frame to use: set a source first (or pass an input).');
    return from;
  }

  protected store(label: string, embedding: Float32Array, source: FrameSourceElement | null, augmented: Float32Array[] = [], id?: string): ExampleInfo {
    const thumbnail = source ? makeThumbnail(source, this.options.thumbnailSize, this.options.mirrored) : null;
    return this.data.put(label, embedding, thumbnail, augmented, id);
  }

  /** The unit-length embeddings of an example's augmented copies (none when `augment` is off or the features cannot be augmented). */
  protected async copiesOf(extractor: FeatureExtractor, frame: Frame, raw: Float32Array): Promise<Float32Array[]> {
    const augment = resolveAugment(this.options.augment);
    if (!extractor.augment || augment.copies === 0) return [];
    this.augmentSeed += 1;
    const copies = await extractor.augment(frame, { mirrored: this.options.mirrored }, augmentViews(augment, this.augmentSeed), raw);
    return copies.filter((c) => c.length === raw.length && c.every(Number.isFinite)).map((c) => normalize(Float32Array.from(c)));
  }

  /** An example of the frame: its unit-length embedding and its augmented copies; `null` when it holds nothing to embed. */
  protected example(input: TaskInput): Promise<{ embedding: Float32Array; augmented: Float32Array[] } | null> {
    return this.withModels(input, async ({ features }, frame) => {
      if (this.remote) return this.worker.example(frame, true);
      const raw = features ? await this.rawWith(features, frame) : null;
      if (!features || !raw) return null;
      return { embedding: normalize(Float32Array.from(raw)), augmented: await this.copiesOf(features, frame, raw) };
    });
  }

  protected async embedWith(extractor: FeatureExtractor, frame: Frame): Promise<Float32Array | null> {
    const raw = await this.rawWith(extractor, frame);
    return raw ? normalize(Float32Array.from(raw)) : null;
  }

  /** The extractor's raw embedding of the frame, checked against the dataset's size. */
  private async rawWith(extractor: FeatureExtractor, frame: Frame): Promise<Float32Array | null> {
    const raw = await extractor.extract(frame, { mirrored: this.options.mirrored });
    if (!raw) return null;
    const expected = this.data.slot().dimension ?? extractor.dimension;
    if (expected !== null && raw.length !== expected) {
      throw new ClassifierError('extractor', `The "${extractor.id}" features gave ${raw.length} numbers; the dataset's examples have ${expected}.`);
    }
    if (this.getSnapshot().extractor.dimension !== raw.length) this.setState({ extractor: { id: extractor.id, dimension: raw.length } });
    return raw;
  }

  protected waitFor(source: FrameSourceElement): Promise<void> {
    return waitForFrame(source, { signal: this.disposed.signal });
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
