import type { BackendHandle } from '../../runtime/BackendManager';
import type { ModelLease } from '../../runtime/contracts';
import type { ExtractorStatus, FeatureExtractor } from './FeatureExtractor';

/** An extractor over a shared model-cache lease: loading state from the lease, the model read per frame. */
export class LeasedExtractor<T> implements FeatureExtractor {
  private status: ExtractorStatus;
  private listeners = new Set<() => void>();
  private stopLease: () => void;
  private stopBackend: () => void;

  constructor(
    readonly id: string,
    readonly dimension: number | null,
    private lease: ModelLease<T>,
    private readonly backend: BackendHandle,
    private run: (model: T, frame: Parameters<FeatureExtractor['extract']>[0], context: Parameters<FeatureExtractor['extract']>[1]) => Promise<Float32Array | null>,
    private runViews?: (model: T, ...args: Parameters<NonNullable<FeatureExtractor['augment']>>) => Promise<Float32Array[]>,
  ) {
    if (!runViews) this.augment = undefined;
    this.status = this.read();
    const update = () => {
      this.status = this.read();
      for (const listener of [...this.listeners]) listener();
    };
    this.stopLease = lease.subscribe(update);
    this.stopBackend = backend.subscribe(update);
  }

  private read(): ExtractorStatus {
    const entry = this.lease.getSnapshot();
    const backend = this.backend.getSnapshot();
    const recovering = backend.status === 'recovering' || (entry.status === 'loading' && backend.generation > 0 && entry.model === null && this.status?.status === 'ready');
    return {
      status: entry.status === 'error' ? 'error' : recovering ? 'recovering' : entry.status === 'ready' ? 'ready' : 'loading',
      progress: entry.progress,
      error: entry.error,
      backend: backend.backend,
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): ExtractorStatus {
    return this.status;
  }

  /** The lease's current model (a new instance after a backend recovery), if loaded. */
  get model(): T | null {
    return this.lease.getSnapshot().model;
  }

  async ready(): Promise<void> {
    await this.lease.ready();
  }

  async extract(frame: Parameters<FeatureExtractor['extract']>[0], context: Parameters<FeatureExtractor['extract']>[1]): Promise<Float32Array | null> {
    // Read the model each frame: after a context loss the lease holds a new instance.
    const model = this.lease.getSnapshot().model ?? (await this.lease.ready());
    return this.run(model, frame, context);
  }

  augment?: FeatureExtractor['augment'] = async (...args) => {
    const model = this.lease.getSnapshot().model ?? (await this.lease.ready());
    return this.runViews!(model, ...args);
  };

  retry(): void {
    this.lease.retry();
  }

  release(): void {
    this.stopLease();
    this.stopBackend();
    this.listeners.clear();
    this.lease.release();
  }
}
