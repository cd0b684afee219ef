// The TaskEngine contract with a fake runtime (no TF.js, no browser): engines receive their runtime,
// so every lifecycle rule is testable in jsdom.
import { describe, expect, it } from 'vitest';
import {
  ConfigStore,
  deriveStatus,
  TaskEngine,
  type BackendState,
  type Frame,
  type FrameTask,
  type ModelEntryState,
  type ModelLease,
  type ModelSpec,
  type Runtime,
  type TaskModels,
  type TaskResult,
  type TaskState,
} from '@webcam-ml/core/runtime';

class Observable<S> {
  private listeners = new Set<() => void>();
  constructor(public state: S) {}
  set(patch: Partial<S>) {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

function fakeRuntime() {
  const backend = new Observable<BackendState>({ status: 'ready', backend: 'cpu', reason: '', probes: [], generation: 1, error: null });
  const entries = new Map<string, Observable<ModelEntryState<string>> & { refs: number; retries: number }>();
  const tasks: FrameTask[] = [];
  let invalidations = 0;
  const settings = new ConfigStore();
  const runtime: Runtime = {
    backend: { acquire: async () => 'cpu', release: () => {}, ready: async () => 'cpu', getSnapshot: () => backend.state, subscribe: backend.subscribe },
    getConfig: () => settings.get(),
    configure: (p) => settings.configure(p),
    subscribeConfig: (l) => settings.subscribe(l),
    resolveModelUrl: (path) => `/m/${path}`,
    acquireModel: <T>(spec: ModelSpec<T>): ModelLease<T> => {
      let entry = entries.get(spec.key);
      if (!entry) {
        entry = Object.assign(new Observable<ModelEntryState<string>>({ status: 'loading', model: null, progress: { loaded: 0, total: 10 }, error: null }), { refs: 0, retries: 0 });
        entries.set(spec.key, entry);
      }
      const e = entry;
      e.refs++;
      return {
        subscribe: e.subscribe,
        getSnapshot: () => e.state as unknown as ModelEntryState<T>,
        ready: () => new Promise<T>((resolve, reject) => {
          const check = () => (e.state.status === 'ready' ? resolve(e.state.model as T) : e.state.status === 'error' ? reject(e.state.error) : undefined);
          check();
          e.subscribe(check);
        }),
        release: () => void e.refs--,
        retry: () => void e.retries++,
      };
    },
    frameLoop: () => ({
      add: (task) => {
        tasks.push(task);
        return { stats: () => ({ processed: 0, dropped: 0, fps: 0, latencyMs: 0 }), subscribe: () => () => {}, remove: () => void tasks.splice(tasks.indexOf(task), 1) };
      },
      invalidate: () => void invalidations++,
    }),
    useBackend: async () => 'cpu',
  };
  return { runtime, backend, entries, tasks, invalidations: () => invalidations };
}

interface EchoOptions {
  model?: string;
  gain?: number;
  enabled?: boolean;
  maxFps?: number;
}
type Resolved = Required<EchoOptions>;
interface EchoState extends TaskState {
  value: number | null;
}
interface EchoResult extends TaskResult {
  value: number;
}

/** The smallest task: multiplies the frame index by `gain` with model `model`. */
class EchoEngine extends TaskEngine<EchoOptions, Resolved, EchoResult, { m: string }, EchoState> {
  gate: Promise<void> | null = null;
  fail = false;
  constructor(options: EchoOptions, runtime: Runtime) {
    super(
      {
        initialState: { status: 'idle', error: null, progress: { loaded: 0, total: 0 }, backend: null, fps: 0, latencyMs: 0, droppedFrames: 0, frameSize: null, timestamp: null, value: null },
        resolve: (o) => {
          if (o.gain !== undefined && typeof o.gain !== 'number') throw new TypeError('gain must be a number');
          return { model: o.model ?? 'a', gain: o.gain ?? 1, enabled: o.enabled ?? true, maxFps: o.maxFps ?? Infinity };
        },
        toError: (e) => Object.assign(e instanceof Error ? e : new Error(String(e)), { code: 'inference' }),
      },
      options,
      runtime,
    );
  }
  protected models(o: Resolved): TaskModels {
    return { m: { key: `echo:${o.model}`, load: async () => o.model, dispose: () => {} } };
  }
  protected async infer(frame: Frame, _models: { m: string }, o: Resolved) {
    await this.gate;
    if (this.fail) throw new Error('boom');
    return { value: frame.index * o.gain };
  }
  protected toState(r: EchoResult) {
    return { value: r.value };
  }
  protected emptyResult() {
    return { value: null };
  }
}

const frame = (index: number): Frame => ({ source: { width: 4, height: 2 } as unknown as ImageData, width: 4, height: 2, timestamp: index * 10, index, pixels: () => { throw new Error('unused'); } });

describe('given the one status derivation', () => {
  const ready: ModelEntryState<unknown> = { status: 'ready', model: {}, progress: { loaded: 5, total: 5 }, error: null };
  const backend = { status: 'ready' as const, error: null };
  it('is idle when not wanted, loading while a model loads, recovering when a ready model reloads', () => {
    expect(deriveStatus({ wanted: false, models: [{ entry: ready, wasReady: true }], backend, inferenceError: null }).status).toBe('idle');
    const loading = { ...ready, status: 'loading' as const, model: null };
    expect(deriveStatus({ wanted: true, models: [{ entry: loading, wasReady: false }], backend, inferenceError: null }).status).toBe('loading');
    expect(deriveStatus({ wanted: true, models: [{ entry: loading, wasReady: true }], backend, inferenceError: null }).status).toBe('recovering');
    expect(deriveStatus({ wanted: true, models: [{ entry: ready, wasReady: true }], backend: { status: 'recovering', error: null }, inferenceError: null }).status).toBe('recovering');
  });
  it('puts a model error before a frame error, and a frame error before ready', () => {
    const broken = new Error('404');
    const frameError = new Error('frame');
    const failed = { ...ready, status: 'error' as const, model: null, error: broken };
    expect(deriveStatus({ wanted: true, models: [{ entry: failed, wasReady: false }], backend, inferenceError: frameError })).toMatchObject({ status: 'error', error: broken });
    expect(deriveStatus({ wanted: true, models: [{ entry: ready, wasReady: true }], backend, inferenceError: frameError })).toMatchObject({ status: 'error', error: frameError });
    expect(deriveStatus({ wanted: true, models: [{ entry: ready, wasReady: true }], backend, inferenceError: null })).toMatchObject({ status: 'ready', progress: { loaded: 5, total: 5 } });
  });
});

describe('given a task on a fake runtime', () => {
  it('holds its model only while someone listens, and joins the frame loop once it is ready with a source', async () => {
    const f = fakeRuntime();
    const engine = new EchoEngine({}, f.runtime);
    expect(f.entries.size).toBe(0);
    const stop = engine.subscribe(() => {});
    expect(engine.getSnapshot().status).toBe('loading');
    engine.setSource({ width: 4, height: 2 } as unknown as ImageData);
    expect(f.tasks).toHaveLength(0);
    f.entries.get('echo:a')!.set({ status: 'ready', model: 'a' });
    expect(engine.getSnapshot().status).toBe('ready');
    expect(f.tasks).toHaveLength(1);
    stop();
    expect(f.tasks).toHaveLength(0);
    expect(f.entries.get('echo:a')!.refs).toBe(0);
    expect(engine.getSnapshot().status).toBe('idle');
  });

  it('replaces options wholesale, swaps the model, and re-offers a still', () => {
    const f = fakeRuntime();
    const engine = new EchoEngine({ model: 'b', gain: 3 }, f.runtime);
    const stop = engine.subscribe(() => {});
    engine.setOptions({});
    expect(engine.getOptions()).toMatchObject({ model: 'a', gain: 1 });
    expect(f.entries.get('echo:b')!.refs).toBe(0);
    expect(f.entries.get('echo:a')!.refs).toBe(1);
    expect(() => engine.setOptions({ gain: 'x' as unknown as number })).toThrow(TypeError);
    expect(engine.getOptions().gain).toBe(1);
    stop();
  });

  it('drops a result in flight when the source changes, and records then clears a frame error', async () => {
    const f = fakeRuntime();
    const engine = new EchoEngine({ gain: 2 }, f.runtime);
    const stop = engine.subscribe(() => {});
    f.entries.get('echo:a')!.set({ status: 'ready', model: 'a' });
    let open!: () => void;
    engine.gate = new Promise((r) => (open = r));
    const pending = engine.estimate(frame(5));
    engine.setSource({ width: 4, height: 2 } as unknown as ImageData);
    open();
    expect((await pending).value).toBe(10);
    expect(engine.getSnapshot().value).toBeNull();
    engine.gate = null;
    engine.fail = true;
    await expect(engine.estimate(frame(1))).rejects.toThrow('boom');
    expect(engine.getSnapshot()).toMatchObject({ status: 'error', error: expect.objectContaining({ message: 'boom' }) });
    engine.fail = false;
    await engine.estimate(frame(2));
    expect(engine.getSnapshot()).toMatchObject({ status: 'ready', error: null, value: 4 });
    stop();
  });

  it('never publishes nor records as an error a frame that ran while the backend was lost (issue 16: such reads finish with zeros)', async () => {
    const f = fakeRuntime();
    const engine = new EchoEngine({ gain: 2 }, f.runtime);
    const results: number[] = [];
    const stop = engine.subscribeResults((r) => results.push(r.value));
    f.entries.get('echo:a')!.set({ status: 'ready', model: 'a' });
    let open!: () => void;
    engine.gate = new Promise((r) => (open = r));
    const ok = engine.estimate(frame(5));
    await new Promise((r) => setTimeout(r, 0));
    f.backend.set({ status: 'recovering' });
    f.backend.set({ status: 'ready', generation: 2 });
    open();
    expect((await ok).value).toBe(10);
    engine.gate = new Promise((r) => (open = r));
    engine.fail = true;
    const failing = engine.estimate(frame(6));
    await new Promise((r) => setTimeout(r, 0));
    f.backend.set({ status: 'recovering' });
    open();
    await expect(failing).rejects.toThrow('boom');
    f.backend.set({ status: 'ready', generation: 3 });
    expect(results).toEqual([]);
    expect(engine.getSnapshot()).toMatchObject({ value: null, error: null });
    engine.gate = null;
    engine.fail = false;
    await engine.estimate(frame(7));
    expect(results).toEqual([14]);
    stop();
  });

  it('clears a frame error when the backend generation changes, and retry() reloads a failed model', () => {
    const f = fakeRuntime();
    const engine = new EchoEngine({}, f.runtime);
    const stop = engine.subscribe(() => {});
    const entry = f.entries.get('echo:a')!;
    entry.set({ status: 'error', error: new Error('404') });
    expect(engine.getSnapshot().status).toBe('error');
    engine.retry();
    expect(entry.retries).toBe(1);
    entry.set({ status: 'ready', model: 'a', error: null });
    expect(engine.getSnapshot().status).toBe('ready');
    f.backend.set({ status: 'recovering' });
    expect(engine.getSnapshot().status).toBe('recovering');
    f.backend.set({ status: 'ready', generation: 2 });
    expect(engine.getSnapshot().status).toBe('ready');
    stop();
  });
});
