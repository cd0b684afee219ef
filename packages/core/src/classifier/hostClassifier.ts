/**
 * The classifier's engine in the worker: the same `ClassifierEngine` (its features, recording,
 * KNN and dense head run unchanged), holding a mirror of the main side's dataset instead of its
 * own. Examples it records go back with the frame's result; the main side keeps them (with a
 * thumbnail), saves them and mirrors them in again, so nothing lives only in the worker.
 */
import type { HostedEngine } from '../executor/workerTasks';
import type { Frame, FrameSourceElement } from '../runtime/contracts';
import type { TaskInput } from '../task/taskInput';
import { ClassifierEngine } from './ClassifierEngine';
import type { ClassifierEngineOptions } from './classifierOptions';
import { wireTraining, type ClassifierCall, type ClassifierWorkerExtras, type TrainProgress } from './classifierWire';
import { exampleId, type StoredClass, type StoredExample } from './Dataset';
import type { DatasetStorage } from './datasetStorage';
import type { ExampleInfo } from './types';

/** The worker saves nothing: the main side's datasets are saved (to IndexedDB) where they live. */
const NO_STORAGE: DatasetStorage = { load: async () => null, save: async () => {}, remove: async () => {} };

type SyncCall = Extract<ClassifierCall, { op: 'sync' }>;

class HostedClassifier extends ClassifierEngine {
  /** Examples by id: the mirrored ones, and the ones recorded here that the main side has not settled. */
  private readonly pool = new Map<string, StoredExample>();
  /** The class of each example recorded here that the main side has not settled yet. */
  private readonly outstanding = new Map<string, string>();
  private outbox: ClassifierWorkerExtras['recorded'] = [];

  /**
   * A recorded frame: sent to the main side (which owns the dataset) and counted here at once, so
   * this frame's prediction and the next ones see it as they would on the main thread, not only
   * once the main side's copy of the dataset comes back.
   */
  protected override store(label: string, embedding: Float32Array, _source: FrameSourceElement | null, augmented: Float32Array[] = []): ExampleInfo {
    const id = exampleId();
    const copies = augmented.length ? { augmented } : {};
    this.pool.set(id, { id, embedding, thumbnail: null, ...copies });
    this.outstanding.set(id, label);
    this.outbox.push({ label, id, embedding, ...copies });
    return this.data.put(label, embedding, null, augmented, id);
  }

  /** What the last frame's result carries besides the prediction. */
  extras(): ClassifierWorkerExtras {
    const s = this.getSnapshot();
    return { timings: s.timings, nothingToRecord: s.nothingToRecord, extractor: s.extractor, recorded: this.outbox.splice(0) };
  }

  async answer(request: ClassifierCall, frame: Frame | null, progress: (value: TrainProgress) => void): Promise<unknown> {
    switch (request.op) {
      case 'sync':
        return this.mirror(request);
      case 'embed': {
        if (!frame) throw new Error('webcam-ml: an embed call comes with a frame');
        const example = request.augment ? await this.example(frame) : await this.embedOnly(frame);
        return example && { ...example, dimension: example.embedding.length };
      }
      case 'classify':
        return this.classifyEmbedding(request.embedding, request.timestamp);
      case 'train': {
        let last = this.getSnapshot().training;
        const stop = this.subscribe(() => {
          const training = this.getSnapshot().training;
          if (training !== last) progress({ training: wireTraining((last = training)) });
        });
        try {
          await this.train({ ...request.options, onEpoch: (epoch, loss) => progress({ epoch, loss }) });
        } catch {
          // The failure is in the training state, which the reply carries.
        } finally {
          stop();
        }
        return wireTraining(this.getSnapshot().training);
      }
    }
  }

  private async embedOnly(input: TaskInput) {
    const embedding = await this.embed(input);
    return embedding && { embedding, augmented: [] as Float32Array[] };
  }

  /** The main side's dataset, as it is now. */
  private mirror(sync: SyncCall): null {
    for (const e of sync.examples) this.pool.set(e.id, { ...e, thumbnail: null });
    for (const id of sync.settled) this.outstanding.delete(id);
    const used = new Set(sync.classes.flatMap((c) => c.ids));
    // Examples recorded here and still on their way to the main side stay in their class.
    const unsettled = (name: string) => [...this.outstanding].flatMap(([id, label]) => (label === name && !used.has(id) ? (this.pool.get(id) ?? []) : []));
    const classes: StoredClass[] = sync.classes.map((c) => ({ name: c.name, examples: [...c.ids.flatMap((id) => this.pool.get(id) ?? []), ...unsettled(c.name)] }));
    for (const id of this.pool.keys()) if (!used.has(id) && !this.outstanding.has(id)) this.pool.delete(id);
    const slot = this.data.slot();
    slot.dataset.replace(classes);
    slot.dimension = sync.dimension;
    this.data.changed(slot);
    const recording = this.recorder.label;
    if (sync.recording === null) this.recorder.stop();
    else if (recording === null) this.recorder.start(sync.recording);
    else this.recorder.renamed(recording, sync.recording);
    return null;
  }
}

/** The worker's engine of one main-side classifier (`executor/workerTasks.ts`). */
export function hostClassifier(options: ClassifierEngineOptions): HostedEngine {
  const workerSide = (given: ClassifierEngineOptions) => ({ ...given, autoSave: false, thumbnailSize: 0, storage: NO_STORAGE });
  const engine = new HostedClassifier(workerSide(options));
  return {
    setOptions: (next: ClassifierEngineOptions) => engine.setOptions(workerSide(next)),
    estimate: async (frame, timestampMs) => ({ ...(await engine.estimate(frame, timestampMs)), classifier: engine.extras() }),
    reset: () => engine.reset(),
    dispose: () => engine.dispose(),
    subscribe: (listener) => engine.subscribe(listener),
    getSnapshot: () => engine.getSnapshot(),
    call: (request, frame, progress) => engine.answer(request, frame, progress),
  };
}
