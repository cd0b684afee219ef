import { describe, expect, it } from 'vitest';

describe('given the @webcam-ml/react entry files', () => {
  it('lists in index.ts exactly the names of the subpath entries, no more and no fewer', async () => {
    const index = await import('@webcam-ml/react');
    const entries = await Promise.all([
      import('@webcam-ml/react/webcam'),
      import('@webcam-ml/react/runtime'),
      import('@webcam-ml/react/pose'),
      import('@webcam-ml/react/face'),
      import('@webcam-ml/react/segmentation'),
      import('@webcam-ml/react/hands'),
      import('@webcam-ml/react/classifier'),
    ]);
    const fromEntries = new Set(entries.flatMap((e) => Object.keys(e)));
    expect(Object.keys(index).sort()).toEqual([...fromEntries].sort());
    // The first import transforms all of TF.js and face-api: over 5 s on a loaded 2-core machine.
  }, 60_000);
});
