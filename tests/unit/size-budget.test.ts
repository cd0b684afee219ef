// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { measureCode, missingBuilds } from '../../bench/lib/sizes.js';

/** The foundation's promise: a camera widget costs at most 6 KiB (min+gzip, react external). */
const WEBCAM_BUDGET = 6 * 1024;

describe('given the built packages', () => {
  it('has been built (npm run build)', () => {
    expect(missingBuilds()).toEqual([]);
  });

  it("bundles `import { useWebcam, Webcam } from '@webcam-ml/react'` within 6 KiB min+gzip, with no TF.js", async () => {
    const size = await measureCode("import { useWebcam, Webcam } from '@webcam-ml/react'; console.log(useWebcam, Webcam);");
    const heavy = (path: string) => /@tensorflow|face-api|pose-detection/.test(path);
    // Neither inlined nor left as an import for the user's bundler to pull in.
    expect(size.inputs.filter(heavy)).toEqual([]);
    expect(size.external.filter(heavy)).toEqual([]);
    expect(size.gzipBytes).toBeLessThanOrEqual(WEBCAM_BUDGET);
  });
});
