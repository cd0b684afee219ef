import { WORKER_GONE, type RemoteTask } from '../executor/types';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import { ClassifierError } from './ClassifierError';
import { toClassifierError, unwireTraining, type ClassifierCall, type ClassifierReply, type ClassifierWorkerExtras, type TrainProgress, type WireExample } from './classifierWire';
import type { ClassifierEngineOptions } from './classifierOptions';
import type { DatasetController } from './DatasetController';
import type { TrainOptions } from './denseTraining';
import type { ClassifierPrediction, ClassifierState, ExampleInfo } from './types';

/** What the worker side needs of its engine. */
export interface RemoteClassifierHost {
  /** The worker engine while the classifier runs in the worker (null on the main thread). */
  remote: () => RemoteTask | null;
  /** Resolves once the worker engine is ready again (after a restart). */
  loaded: () => Promise<unknown>;
  data: DatasetController;
  recording: () => string | null;
  getState: () => ClassifierState;
  patch: (state: Partial<ClassifierState>) => void;
  /** Keep an example (its thumbnail made from `source`) under the id the worker gave it. */
  store: (label: string, embedding: Float32Array, source: FrameSourceElement | null, augmented: Float32Array[], id: string) => ExampleInfo;
}

/**
 * The main side of a classifier that runs in the worker. The dataset stays here (the state's
 * classes, thumbnails and counts, saving to IndexedDB, import and export, `assess`) and is
 * mirrored into the worker engine after every change: only the examples it does not have yet
 * cross, and a new worker engine (a restarted worker's too) is sent all of them before any frame.
 * What the worker recorded comes back with a frame's result and is kept here; embeddings of
 * direct inputs, `classifyEmbedding` and the dense head's training are calls to the worker.
 */
export class RemoteClassifier {
  private task: RemoteTask | null = null;
  /** Ids of the examples the worker engine has. */
  private known = new Set<string>();
  /** Ids of examples the worker recorded that were kept or dropped here since the last sync. */
  private settled: string[] = [];
  private scheduled = false;
  private lastTrain: TrainOptions | null = null;
  /** The class recorded when each loop frame was sent. */
  private readonly recordingAt = new WeakMap<Frame, string | null>();

  constructor(private readonly host: RemoteClassifierHost) {}

  /** A new worker engine (the first, or one in a restarted worker): it is sent everything now. */
  opened(task: RemoteTask): void {
    this.task = task;
    this.known.clear();
    this.settled = [];
    this.send(task);
    // A head trained before lives on in the new engine: trained again on the same examples.
    const { status } = this.host.getState().training;
    const options = this.lastTrain;
    if (options && (status === 'trained' || status === 'stale')) queueMicrotask(() => void this.train(options).catch(() => undefined));
  }

  /** The options the dense head was last trained with (on either side), to train it again in a new engine. */
  remember(options: TrainOptions): void {
    this.lastTrain = options;
  }

  /** The dataset or the recording changed: the worker hears of it once per turn of changes. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.scheduled && this.flush());
  }

  /** Send what changed now (before a call that reads the dataset). */
  flush(): void {
    this.scheduled = false;
    const task = this.host.remote();
    if (task && task === this.task) this.send(task);
  }

  /** The loop sends `frame` while `label` is recorded (or none). */
  dispatched(frame: Frame, label: string | null): void {
    this.recordingAt.set(frame, label);
  }

  /**
   * A frame's result from the worker, its state applied and the examples it recorded kept, as on
   * the main thread: those of a frame sent while their class was recorded, even when the answer
   * comes after `stopRecording()`; none of a stale frame, nor of a class removed or renamed since.
   */
  received(extras: ClassifierWorkerExtras, frame: Frame, current: boolean): void {
    const recording = this.recordingAt.has(frame) ? this.recordingAt.get(frame) : this.host.recording();
    for (const r of extras.recorded) {
      this.settled.push(r.id);
      if (!current || recording !== r.label || !this.host.data.dataset().find(r.label)) continue;
      this.known.add(r.id);
      this.host.store(r.label, r.embedding, frame.source, r.augmented ?? [], r.id);
    }
    if (extras.recorded.length) this.changed();
    if (!current) return;
    const state = this.host.getState();
    const patch: Partial<ClassifierState> = { timings: extras.timings };
    if (state.nothingToRecord !== extras.nothingToRecord) patch.nothingToRecord = extras.nothingToRecord;
    if (state.extractor.id !== extras.extractor.id || state.extractor.dimension !== extras.extractor.dimension) patch.extractor = extras.extractor;
    this.host.patch(patch);
  }

  /** The unit-length embedding of `frame` (and its augmented copies with `augment`), or null when it holds nothing to embed. */
  async example(frame: Frame, augment: boolean): Promise<{ embedding: Float32Array; augmented: Float32Array[] } | null> {
    const reply = await this.call({ op: 'embed', augment }, frame);
    const { extractor } = this.host.getState();
    if (reply && extractor.dimension !== reply.dimension) this.host.patch({ extractor: { id: extractor.id, dimension: reply.dimension } });
    return reply;
  }

  classify(embedding: Float32Array, timestamp: number): Promise<ClassifierPrediction> {
    this.flush();
    return this.call({ op: 'classify', embedding, timestamp });
  }

  /** Train the worker engine's dense head on the mirrored examples; its training states become ours. */
  async train(options: TrainOptions): Promise<void> {
    this.lastTrain = options;
    this.flush();
    const { onEpoch, ...rest } = options;
    const onProgress = (value: unknown) => {
      const progress = value as TrainProgress;
      if ('training' in progress) this.host.patch({ training: unwireTraining(progress.training) });
      else onEpoch?.(progress.epoch, progress.loss);
    };
    const training = unwireTraining(await this.call({ op: 'train', options: rest }, null, onProgress));
    this.host.patch({ training });
    if (training.status === 'error' && training.error) throw training.error;
  }

  /** A call to the worker engine, made again in the restarted worker when the first one died. */
  private async call<Call extends ClassifierCall>(request: Call, frame: Frame | null = null, onProgress?: (value: unknown) => void): Promise<ClassifierReply<Call>> {
    for (let attempt = 0; ; attempt++) {
      const task = this.host.remote();
      if (!task) throw new ClassifierError('invalid-action', 'The classifier let go of its worker engine (disposed or disabled) before the call.');
      try {
        return (await task.call(request, frame, onProgress)) as ClassifierReply<Call>;
      } catch (error) {
        if ((error as { code?: unknown }).code === WORKER_GONE && attempt < 2) {
          await this.host.loaded();
          continue;
        }
        throw toClassifierError(error);
      }
    }
  }

  private send(task: RemoteTask): void {
    const examples: WireExample[] = [];
    const ids = new Set<string>();
    const classes = this.host.data.dataset().classes.map((c) => ({
      name: c.name,
      ids: c.examples.map((e) => {
        ids.add(e.id);
        if (!this.known.has(e.id)) examples.push({ id: e.id, embedding: e.embedding, ...(e.augmented ? { augmented: e.augmented } : {}) });
        return e.id;
      }),
    }));
    this.known = ids;
    const settled = this.settled;
    this.settled = [];
    const sync = { op: 'sync' as const, classes, examples, dimension: this.host.data.slot().dimension, recording: this.host.recording(), settled };
    // A worker that dies takes its mirror with it: the restarted one is sent everything (opened).
    task.call(sync).catch(() => undefined);
  }
}

/** The options as the worker engine gets them: no `storage` (datasets are saved where they live, on the main side). */
export function classifierWorkerOptions({ storage: _storage, ...options }: ClassifierEngineOptions): ClassifierEngineOptions {
  return options;
}
