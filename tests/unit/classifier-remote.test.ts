import { describe, expect, it } from 'vitest';
import type { RemoteTask } from '../../packages/core/src/executor/types';
import { resolveClassifierOptions } from '../../packages/core/src/classifier/classifierOptions';
import { DatasetController } from '../../packages/core/src/classifier/DatasetController';
import { RemoteClassifier } from '../../packages/core/src/classifier/RemoteClassifier';
import type { ClassifierCall, ClassifierWorkerExtras } from '../../packages/core/src/classifier/classifierWire';
import type { ClassifierState } from '../../packages/core/src/classifier/types';
import type { Frame } from '../../packages/core/src/runtime/contracts';

type Sync = Extract<ClassifierCall, { op: 'sync' }>;

/** A dataset controller and its worker side, with a worker engine that records the syncs it gets. */
function setup() {
  const options = resolveClassifierOptions({ thumbnailSize: 0 });
  const state = { training: { status: 'untrained', epoch: 0, epochs: 0, loss: null, error: null }, classes: [], extractor: { id: 'test', dimension: 3 }, timings: { embedMs: 0, classifyMs: 0 }, nothingToRecord: false } as unknown as ClassifierState;
  let recording: string | null = null;
  let remote: RemoteTask | null = null;
  const syncs: Sync[] = [];
  const task = { call: async (request: ClassifierCall) => void (request.op === 'sync' && syncs.push(request)) } as unknown as RemoteTask;
  // eslint-disable-next-line prefer-const
  let worker: RemoteClassifier;
  const data = new DatasetController({
    options: () => options,
    features: () => ({ id: 'test', dimension: 3 }),
    getState: () => state,
    patch: (p) => Object.assign(state, p),
    invalidate: () => worker.changed(),
    switched: () => worker.changed(),
  });
  worker = new RemoteClassifier({
    remote: () => remote,
    loaded: async () => undefined,
    data,
    recording: () => recording,
    getState: () => state,
    patch: (p) => Object.assign(state, p),
    store: (label, embedding, _source, augmented, id) => data.put(label, embedding, null, augmented, id),
  });
  const open = () => {
    worker.opened(task);
    remote = task;
  };
  const turn = () => new Promise((r) => setTimeout(r, 0));
  return { data, worker, syncs, open, turn, record: (label: string | null) => (recording = label) };
}

const vector = (x: number) => Float32Array.from([x, 1 - x, 0]);
const frame = { source: { width: 1, height: 1 } } as unknown as Frame;

describe('given a classifier in the worker and its dataset on the main side', () => {
  it('sends a new worker engine every example, then only the ones it does not have, once per turn of changes', async () => {
    const { data, syncs, open, turn } = setup();
    data.put('a', vector(0.1), null);
    data.put('a', vector(0.2), null);
    open();
    expect(syncs).toHaveLength(1);
    expect(syncs[0].examples).toHaveLength(2);
    expect(syncs[0].classes).toEqual([{ name: 'a', ids: syncs[0].examples.map((e) => e.id) }]);
    data.put('b', vector(0.3), null);
    data.put('b', vector(0.4), null);
    await turn();
    expect(syncs).toHaveLength(2);
    expect(syncs[1].examples.map((e) => Array.from(e.embedding)[0])).toEqual([Math.fround(0.3), Math.fround(0.4)]);
    expect(syncs[1].classes.map((c) => c.ids.length)).toEqual([2, 2]);
    // No thumbnails cross: the UI's copy stays here.
    expect(Object.keys(syncs[1].examples[0])).toEqual(['id', 'embedding']);
  });

  it('sends everything again to the engine of a restarted worker', async () => {
    const { data, syncs, open, turn } = setup();
    open();
    data.put('a', vector(0.1), null);
    await turn();
    open();
    expect(syncs.at(-1)!.examples).toHaveLength(1);
  });

  it('keeps what the worker recorded under its id without sending it back, and tells the worker it was settled', async () => {
    const { data, worker, syncs, open, turn, record } = setup();
    open();
    data.dataset().addClass('a');
    record('a');
    worker.dispatched(frame, 'a');
    const extras: ClassifierWorkerExtras = { timings: { embedMs: 1, classifyMs: 1 }, nothingToRecord: false, extractor: { id: 'test', dimension: 3 }, recorded: [{ label: 'a', id: 'w-1', embedding: vector(0.5) }] };
    worker.received(extras, frame, true);
    await turn();
    expect(data.dataset().classes[0].examples.map((e) => e.id)).toEqual(['w-1']);
    const last = syncs.at(-1)!;
    expect(last.examples).toEqual([]);
    expect(last.classes).toEqual([{ name: 'a', ids: ['w-1'] }]);
    expect(last.settled).toEqual(['w-1']);
  });

  it('drops what a frame sent after the stop, or a stale frame, recorded (and settles it)', async () => {
    const { data, worker, syncs, open, turn, record } = setup();
    open();
    data.dataset().addClass('a');
    record('a');
    const late = { ...frame };
    worker.dispatched(late, null);
    const recorded = (id: string): ClassifierWorkerExtras => ({ timings: { embedMs: 1, classifyMs: 1 }, nothingToRecord: false, extractor: { id: 'test', dimension: 3 }, recorded: [{ label: 'a', id, embedding: vector(0.5) }] });
    worker.received(recorded('w-late'), late, true);
    worker.dispatched(frame, 'a');
    worker.received(recorded('w-stale'), frame, false);
    await turn();
    expect(data.dataset().classes[0].examples).toEqual([]);
    expect(syncs.at(-1)!.settled).toEqual(['w-late', 'w-stale']);
  });
});
