import type { Frame, BackendName, LoadProgress } from '../../runtime/contracts';
import type { ExtractContext } from '../types';
import type { ExtractorStatus, FeatureExtractor } from './FeatureExtractor';

/** What an extractor needs of the task engine it runs on (PoseEngine, FaceEngine). */
export interface ExtractorEngine {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => { status: 'idle' | ExtractorStatus['status']; progress: LoadProgress; error: Error | null; backend: BackendName | null };
  ready: () => Promise<void>;
  retry: () => void;
  dispose: () => void;
}

/**
 * An extractor whose features come from one of our task engines: it subscribes (which makes the
 * engine hold its shared model lease), reports the engine's status, and lets go on `release()`.
 */
export abstract class EngineExtractor<E extends ExtractorEngine> implements FeatureExtractor {
  abstract readonly id: string;
  abstract readonly dimension: number;
  private readonly stop: () => void;
  private readonly listeners = new Set<() => void>();

  constructor(protected readonly engine: E) {
    this.stop = engine.subscribe(() => {
      for (const listener of [...this.listeners]) listener();
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): ExtractorStatus {
    const s = this.engine.getSnapshot();
    return { status: s.status === 'idle' ? 'loading' : s.status, progress: s.progress, error: s.error, backend: s.backend };
  }

  ready(): Promise<void> {
    return this.engine.ready();
  }

  abstract extract(frame: Frame, context: ExtractContext): Promise<Float32Array | null>;

  retry(): void {
    this.engine.retry();
  }

  release(): void {
    this.listeners.clear();
    this.stop();
    this.engine.dispose();
  }
}
