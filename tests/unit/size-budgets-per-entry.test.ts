// @vitest-environment node
import { describe, it, expect, beforeAll } from 'vitest';
import { ENTRIES, measureAll, missingBuilds } from '../../bench/lib/sizes.js';

/**
 * Size budgets in bytes per public entry, min+gzip of `export * from '<entry>'` bundled out of
 * the built packages, with react and every peer dependency (TF.js, face-api, ...) external.
 * About 15% above the size measured when the budget was set; keep README's "Bundle sizes" table
 * in step (`npm run bench` prints the current numbers).
 */
const budgets: Record<string, number> = {
  '@webcam-ml/core': 5400,
  '@webcam-ml/core/runtime': 21000, // the runtime object, the task contract, the integrity policy and the worker executor's main side (18475 measured); + worker liveness, task calls, typed errors from the worker, the context-loss recovery order and sliced warm-up, verified bytes into TF.js (20413 measured)
  '@webcam-ml/core/pose': 64000, // + the worker executor's task calls and lifeline (62260 measured; main was at 61576, over 61400, before them)
  '@webcam-ml/core/face': 26200, // + the worker executor's main side (23470 measured); + downloads before the backend, the recovery's reload flag (25527 measured)
  '@webcam-ml/core/segmentation': 27400, // + the worker executor's main side (24700 measured); + downloads before the backend is up, the worker's start order (26723 measured)
  '@webcam-ml/core/hands': 26600, // + the worker executor's main side (23442 measured); + its task calls and lifeline (25721 measured)
  '@webcam-ml/core/classifier': 92000, // + the worker executor's main side (79370 measured); + the classifier's worker side: dataset mirror, task calls (87262 measured); + grid pooling, the invariant space, the dense head's span basis (issue 17, 90196 measured)
  '@webcam-ml/core/testing': 2100,
  '@webcam-ml/react': 117500, // 95.0 kB with hands (83.5 before); +2 kB (issue 17): input normalisation, centred space, augmentation, quality hints; + the classifier's worker side (111774 measured); + the invariant metric's lazy refit, downloads before the backend, the recovery's reload flag (115062 measured)
  '@webcam-ml/react/webcam': 7100,
  '@webcam-ml/react/runtime': 20300, // the provider's runtime brings the model cache and frame loops; PerformanceDisplay the shared stylesheet (14.8 kB measured with it); + the worker executor's main side (17935 measured); + worker liveness, task calls, typed errors from the worker (19681 measured)
  '@webcam-ml/react/pose': 75400, // + the worker executor's main side (69781 measured)
  '@webcam-ml/react/face': 29900, // + the worker executor's main side (27639 measured)
  '@webcam-ml/react/segmentation': 29300, // + the worker executor's main side (26284 measured); + downloads before the backend, the recovery's reload flag (28508 measured)
  '@webcam-ml/react/hands': 36200, // + the worker executor's main side (32573 measured); + worker liveness, task calls, typed errors from the worker (35385 measured)
  '@webcam-ml/react/classifier': 97000, // + the worker executor's main side (83753 measured); + the classifier's worker side (92219 measured); + grid pooling, the invariant space, the span basis (issue 17, 95063 measured)
};

/** Entries that must not drag in TF.js or a model library. */
const modelFree = ['@webcam-ml/core', '@webcam-ml/core/testing', '@webcam-ml/react/webcam'];

type Size = Awaited<ReturnType<typeof measureAll>>[number];
const sizes = new Map<string, Size>();

describe('given every public entry bundled from the built packages (min+gzip, peers external)', () => {
  beforeAll(async () => {
    if (missingBuilds().length) return;
    for (const size of await measureAll()) sizes.set(size.entry, size);
  }, 120_000);

  it('has the packages built (npm run build)', () => {
    expect(missingBuilds()).toEqual([]);
  });

  it('has a budget for every entry and no budget for an entry that does not exist', () => {
    expect(Object.keys(budgets).sort()).toEqual(ENTRIES.map((e) => e.entry).sort());
  });

  it.each(ENTRIES.map((e) => e.entry))('keeps %s within its budget', (entry) => {
    const size = sizes.get(entry);
    expect(size, `${entry} was not measured`).toBeDefined();
    expect(size!.gzipBytes).toBeLessThanOrEqual(budgets[entry]);
  });

  it.each(modelFree)('keeps TF.js and the model libraries out of %s', (entry) => {
    const size = sizes.get(entry)!;
    const heavy = (path: string) => /@tensorflow|face-api|knn-classifier|pose-detection/.test(path);
    expect(size.external.filter(heavy)).toEqual([]);
    expect(size.inputs.filter(heavy)).toEqual([]);
  });

  it('keeps every peer dependency out of every bundle (users install those)', () => {
    expect(sizes.size).toBe(ENTRIES.length);
    for (const size of sizes.values()) {
      expect(size.inputs.filter((path) => /node_modules\/(react|react-dom|@tensorflow\/tfjs-|@vladmandic\/face-api)\//.test(path)), size.entry).toEqual([]);
    }
  });
});
