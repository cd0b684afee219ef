import { describe, expect, it, vi } from 'vitest';
import { ClassifierEngine } from '../../packages/core/src/classifier/ClassifierEngine';
import { ClassifierError } from '../../packages/core/src/classifier/ClassifierError';
import type { DatasetStorage, SavedDataset } from '../../packages/core/src/classifier/datasetStorage';
import type { Frame } from '../../packages/core/src/runtime/contracts';

/** A frame whose "features" are given: the custom extractor returns them. */
function frame(values: number[] | null, timestamp = 0): Frame {
  return {
    source: { width: 4, height: 4 } as unknown as HTMLCanvasElement,
    width: 4,
    height: 4,
    timestamp,
    index: 0,
    pixels: () => {
      throw new Error('no pixels in unit tests');
    },
    ...(values ? { values } : { values: null }),
  } as Frame;
}

const extract = (f: Frame) => {
  const values = (f as Frame & { values: number[] | null }).values;
  return values ? Float32Array.from(values) : null;
};

function engine(options: ConstructorParameters<typeof ClassifierEngine>[0] = {}) {
  return new ClassifierEngine({ features: { kind: 'custom', id: 'test', extract }, thumbnailSize: 0, k: 3, minExamples: 2, ...options });
}

async function trainTwo(e: ClassifierEngine) {
  for (const v of [[1, 0, 0], [0.9, 0.1, 0], [1, 0.1, 0.1]]) await e.addExample('left', frame(v));
  for (const v of [[0, 1, 0], [0.1, 0.9, 0], [0, 1, 0.2]]) await e.addExample('right', frame(v));
}

class MemoryStorage implements DatasetStorage {
  data = new Map<string, SavedDataset>();
  saves = 0;
  failWith: Error | null = null;
  async load(key: string) {
    return this.data.get(key) ?? null;
  }
  async save(key: string, dataset: SavedDataset) {
    if (this.failWith) throw this.failWith;
    this.saves++;
    this.data.set(key, structuredClone(dataset));
  }
  async remove(key: string) {
    this.data.delete(key);
  }
}

describe('given a classifier with custom features and two trained classes', () => {
  it('lists the classes with their example counts', async () => {
    const e = engine();
    await trainTwo(e);
    expect(e.getSnapshot().classes.map((c) => [c.name, c.count])).toEqual([['left', 3], ['right', 3]]);
    e.dispose();
  });

  it('predicts the nearest class with a confidence for every class', async () => {
    const e = engine();
    await trainTwo(e);
    const p = await e.estimate(frame([0.95, 0.05, 0]));
    expect(p.label).toBe('left');
    expect(p.confidences.map((c) => c.label)).toEqual(['left', 'right']);
    expect(p.confidences[0].confidence).toBeCloseTo(1);
    expect(e.getSnapshot().prediction).toBe(p);
    e.dispose();
  });

  it("says 'unknown' below the threshold", async () => {
    const e = engine({ threshold: 0.9 });
    await trainTwo(e);
    // Halfway: the 3 nearest are split 2:1.
    const p = await e.estimate(frame([0.7, 0.7, 0.1]));
    expect(p.label).toBe('unknown');
    expect(p.reason).toBe('below-threshold');
    e.dispose();
  });

  it("says 'unknown' while no class has minExamples examples", async () => {
    const e = engine({ minExamples: 5 });
    await trainTwo(e);
    const p = await e.estimate(frame([1, 0, 0]));
    expect(p).toMatchObject({ label: 'unknown', reason: 'too-few-examples' });
    e.dispose();
  });

  it("says 'unknown' when the frame has no features", async () => {
    const e = engine();
    await trainTwo(e);
    expect((await e.estimate(frame(null))).reason).toBe('no-features');
    e.dispose();
  });

  it('a renamed class keeps its examples; a removed one is gone', async () => {
    const e = engine();
    await trainTwo(e);
    e.renameClass('left', 'west');
    e.removeClass('right');
    expect(e.getSnapshot().classes.map((c) => [c.name, c.count])).toEqual([['west', 3]]);
    e.dispose();
  });

  it('removeExample and clearClass change the counts', async () => {
    const e = engine();
    await trainTwo(e);
    e.removeExample(e.getSnapshot().classes[0].examples[0].id);
    e.clearClass('right');
    expect(e.getSnapshot().classes.map((c) => c.count)).toEqual([2, 0]);
    e.dispose();
  });

  it("refuses 'unknown' as a class name", () => {
    const e = engine();
    expect(() => e.addClass('unknown')).toThrow(ClassifierError);
    e.dispose();
  });

  it('records one example per 1/recordFps seconds of classified frames', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const e = engine({ recordFps: 10 });
      e.startRecording('up');
      for (let i = 0; i < 20; i++) {
        await e.estimate(frame([1, 0, 0], i * 33));
        vi.advanceTimersByTime(33);
      }
      e.stopRecording();
      // 20 frames over 660 ms at 10 per second: 7 examples (0, 99, 198, ... ms).
      expect(e.getSnapshot().classes[0].count).toBe(7);
      expect(e.getSnapshot().recording).toBeNull();
      e.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('given an exported dataset', () => {
  it('importing it into another classifier gives identical predictions', async () => {
    const a = engine();
    await trainTwo(a);
    const file = JSON.stringify(a.toDatasetFile());
    const b = engine();
    await b.importDataset(file);
    for (const probe of [[0.95, 0.05, 0], [0.6, 0.5, 0.1], [0, 1, 0.1]]) {
      // Everything but the time the inference took.
      expect({ ...(await b.estimate(frame(probe))), latencyMs: 0 }).toEqual({ ...(await a.estimate(frame(probe))), latencyMs: 0 });
    }
    a.dispose();
    b.dispose();
  });

  it('a bad file is rejected with a typed error and the dataset is untouched', async () => {
    const e = engine();
    await trainTwo(e);
    const before = e.getSnapshot().classes;
    const file = e.toDatasetFile();
    file.classes[1].examples[2].embedding = 'AAAAAAAAAAA=';
    await expect(e.importDataset(file)).rejects.toMatchObject({ name: 'ClassifierError', code: 'invalid-dataset' });
    expect(e.getSnapshot().classes).toBe(before);
    expect((await e.estimate(frame([0, 1, 0]))).label).toBe('right');
    e.dispose();
  });

  it('a file from other features is rejected as an extractor mismatch', async () => {
    const a = engine();
    await trainTwo(a);
    const b = new ClassifierEngine({ features: { kind: 'custom', id: 'other', extract }, thumbnailSize: 0 });
    await expect(b.importDataset(a.toDatasetFile())).rejects.toMatchObject({ code: 'extractor-mismatch' });
    a.dispose();
    b.dispose();
  });
});

describe('given a dataset name and a storage', () => {
  it('saves after changes and a new classifier restores it', async () => {
    const storage = new MemoryStorage();
    const a = engine({ datasetName: 'game', storage });
    const stop = a.subscribe(() => {});
    await a.ready();
    await trainTwo(a);
    await a.save();
    stop();
    const b = engine({ datasetName: 'game', storage });
    const stopB = b.subscribe(() => {});
    await b.ready();
    expect(b.getSnapshot().classes.map((c) => [c.name, c.count])).toEqual([['left', 3], ['right', 3]]);
    expect(b.getSnapshot().storage.status).toBe('saved');
    stopB();
  });

  it('a full quota is reported and the data stays in memory', async () => {
    const storage = new MemoryStorage();
    storage.failWith = new DOMException('full', 'QuotaExceededError');
    const e = engine({ datasetName: 'full', storage });
    const stop = e.subscribe(() => {});
    await e.ready();
    await trainTwo(e);
    await expect(e.save()).rejects.toMatchObject({ code: 'quota-exceeded' });
    expect(e.getSnapshot().storage.status).toBe('error');
    expect(e.getSnapshot().classes.map((c) => c.count)).toEqual([3, 3]);
    stop();
  });

  it('a storage that cannot be read is never overwritten', async () => {
    const storage = new MemoryStorage();
    storage.load = async () => {
      throw new Error('corrupt');
    };
    const e = engine({ datasetName: 'x', storage });
    const stop = e.subscribe(() => {});
    await e.ready();
    await trainTwo(e);
    await new Promise((r) => setTimeout(r, 400));
    expect(storage.saves).toBe(0);
    expect(e.getSnapshot().storage.status).toBe('error');
    stop();
  });
});
