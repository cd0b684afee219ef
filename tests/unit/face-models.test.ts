import { describe, expect, it } from 'vitest';
import { faceNetSpec } from '../../packages/core/src/face/faceModels';
import type { LoadContext } from '../../packages/core/src/runtime/contracts';

const BASE = 'http://localhost/models/';
const resolveUrl = (path: string) => new URL(path, BASE).href;

/** A load context whose files answer when the test says so; the backend never gets ready. */
function context() {
  const asked: string[] = [];
  const answers = new Map<string, { resolve: (bytes: ArrayBuffer) => void; reject: (error: Error) => void }>();
  const ctx = {
    signal: new AbortController().signal,
    resolveUrl,
    reloading: false,
    backendReady: () => new Promise<void>(() => {}),
    betweenFrames: () => Promise.resolve(),
    fetch: () => Promise.reject(new Error('not used')),
    bytes: (path: string) =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const url = resolveUrl(path);
        asked.push(url);
        answers.set(url, { resolve, reject });
      }),
  } as unknown as LoadContext;
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer;
  return { ctx, asked, answer: (url: string, value: unknown) => answers.get(url)!.resolve(json(value)), fail: (url: string) => answers.get(url)!.reject(new Error(`404 ${url}`)) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('given a face net loading from the models folder', () => {
  it('asks for its shard together with its weights manifest, not after it (one round trip sooner)', async () => {
    const { ctx, asked } = context();
    void faceNetSpec('tinyFaceDetector', resolveUrl).load(ctx);
    await settle();
    // Nothing has answered yet: both requests are out.
    expect([...asked].sort()).toEqual([`${BASE}face/tiny_face_detector_model-weights_manifest.json`, `${BASE}face/tiny_face_detector_model.bin`]);
  });

  it('loads the shards its weights manifest lists when they are not the hinted one, and a missing hint is no failure', async () => {
    const { ctx, asked, answer, fail } = context();
    let failed: unknown = null;
    faceNetSpec('ageGenderNet', resolveUrl)
      .load(ctx)
      .catch((error: unknown) => (failed = error));
    await settle();
    fail(`${BASE}face/age_gender_model.bin`);
    answer(`${BASE}face/age_gender_model-weights_manifest.json`, [{ paths: ['age_gender_model-shard1', 'age_gender_model-shard2'], weights: [] }]);
    await settle();
    expect(asked.filter((url) => url.includes('-shard'))).toEqual([`${BASE}face/age_gender_model-shard1`, `${BASE}face/age_gender_model-shard2`]);
    // The load goes on (it now waits for those shards and the backend), untouched by the hint's 404.
    expect(failed).toBeNull();
  });
});
