// The worker side of the executor (hostExecutor) on a fake worker scope: what it starts on the
// first `configure`, and the order of messages while a task kind's code is still loading.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker, WorkerSettings } from '../../packages/core/src/executor/protocol';
import type { HostedEngine, HostedFactory } from '../../packages/core/src/executor/workerTasks';
import { backendManager } from '../../packages/core/src/runtime/BackendManager';
import { configure, getConfig } from '../../packages/core/src/runtime/config';

/** The fake kind's code: resolved by the test, as a dynamic import resolves. */
let resolveImport: (factory: HostedFactory) => void = () => {};
vi.mock('../../packages/core/src/executor/workerTasks', () => ({
  WORKER_TASKS: {
    fake: () => new Promise<HostedFactory>((resolve) => (resolveImport = resolve)),
  },
}));

const { hostExecutor } = await import('../../packages/core/src/executor/workerHost');

/** What a fake engine was told, in order. */
let told: string[] = [];

function fakeEngine(options: unknown): HostedEngine {
  told.push(`created ${JSON.stringify(options)}`);
  return {
    setOptions: (next: never) => void told.push(`options ${JSON.stringify(next)}`),
    estimate: () => Promise.reject(new Error('no frames here')),
    reset: () => void told.push('reset'),
    dispose: () => void told.push('disposed'),
    subscribe: () => () => {},
    getSnapshot: () => ({ status: 'loading', error: null, progress: { loaded: 0, total: 0 } }) as never,
    call: async (request) => {
      told.push(`call ${JSON.stringify(request)}`);
      return 'answered';
    },
  };
}

const settings: WorkerSettings = { modelBaseUrl: 'http://localhost/models/', backend: 'cpu', persistentCache: false, releaseDelayMs: 0, integrity: 'off' };
const before = getConfig();
let sent: FromWorker[];
let send: (message: ToWorker) => void;
let acquired: ReturnType<typeof vi.fn>;

beforeEach(() => {
  told = [];
  sent = [];
  // The selection itself is the backend manager's (tested there); here only when it starts.
  acquired = vi.fn(() => new Promise<never>(() => {}));
  vi.spyOn(backendManager, 'acquire').mockImplementation(acquired as never);
  const scope: Parameters<typeof hostExecutor>[0] = { postMessage: (message) => void sent.push(message), onmessage: null };
  hostExecutor(scope);
  send = (message) => scope.onmessage!({ data: message } as MessageEvent<ToWorker>);
});

afterEach(() => {
  vi.restoreAllMocks();
  configure({ modelBaseUrl: before.modelBaseUrl, backend: before.backend, persistentCache: before.persistentCache, releaseDelayMs: before.releaseDelayMs, integrity: before.integrity });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('given a new worker told its settings', () => {
  it('starts its backend at once, before any task opens or its code loads', () => {
    send({ type: 'configure', settings });
    expect(acquired).toHaveBeenCalledTimes(1);
    send({ type: 'configure', settings: { ...settings, releaseDelayMs: 10 } });
    expect(acquired).toHaveBeenCalledTimes(1);
  });
});

describe("given a task opened while its kind's code is still loading", () => {
  it('hands the engine what came meanwhile, in order, once the code is there (a call right after open is answered)', async () => {
    send({ type: 'configure', settings });
    send({ type: 'open', id: 1, kind: 'fake', options: { a: 1 } });
    send({ type: 'options', id: 1, options: { a: 2 } });
    send({ type: 'call', id: 1, callId: 7, request: { op: 'sync' } as never });
    await settle();
    expect(told).toEqual([]);
    resolveImport(fakeEngine);
    await settle();
    expect(told).toEqual(['created {"a":1}', 'options {"a":2}', 'call {"op":"sync"}']);
    expect(sent).toContainEqual({ type: 'reply', callId: 7, value: 'answered', error: null });
  });

  it('disposes the engine of a task closed before its code arrived, and makes a second task of the kind at once', async () => {
    send({ type: 'open', id: 1, kind: 'fake', options: {} });
    send({ type: 'close', id: 1 });
    resolveImport(fakeEngine);
    await settle();
    expect(told).toEqual(['created {}', 'disposed']);
    send({ type: 'open', id: 2, kind: 'fake', options: { b: 1 } });
    expect(told).toEqual(['created {}', 'disposed', 'created {"b":1}']);
  });

  it('answers a kind the worker does not have with an error state for that task', () => {
    send({ type: 'open', id: 3, kind: 'nope', options: {} });
    expect(sent).toContainEqual(expect.objectContaining({ type: 'task', id: 3, state: expect.objectContaining({ status: 'error', error: expect.objectContaining({ message: expect.stringContaining('no task "nope"') }) }) }));
  });
});
