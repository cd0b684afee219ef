// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchVerified, releaseDownloads, type DownloadHolder } from '../../packages/core/src/runtime/downloads';
import { ModelLoadError } from '../../packages/core/src/runtime/ModelLoadError';

/** A response whose body arrives in the given chunks, with the Content-Length we choose to claim. */
function chunked(chunks: number[][], contentLength: number | null): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new Uint8Array(c));
      controller.close();
    },
  });
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (contentLength !== null) headers['content-length'] = String(contentLength);
  return new Response(body, { status: 200, headers });
}

let n = 0;
async function load(response: Response): Promise<{ bytes: number[]; progress: number[][] }> {
  vi.stubGlobal('fetch', async () => response);
  const progress: number[][] = [];
  const holder: DownloadHolder = { onBytes: (_url, loaded, total) => progress.push([loaded, total]) };
  try {
    const buffer = await fetchVerified(`https://models.test/${n++}.bin`, holder, new AbortController().signal, { manifest: async () => new Map(), persistent: false });
    return { bytes: [...new Uint8Array(buffer)], progress };
  } finally {
    releaseDownloads(holder);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('downloads: reading a body', () => {
  it('assembles chunks into exactly the bytes sent when Content-Length is right', async () => {
    const { bytes, progress } = await load(chunked([[1, 2, 3], [4, 5], [6]], 6));
    expect(bytes).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)).toEqual([6, 6]);
  });

  it('keeps every byte of a body longer than its Content-Length claimed', async () => {
    const { bytes, progress } = await load(chunked([[1, 2, 3], [4, 5], [6, 7, 8]], 4));
    expect(bytes).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it('reads a body of unknown length', async () => {
    const { bytes } = await load(chunked([[9], [8, 7]], null));
    expect(bytes).toEqual([9, 8, 7]);
  });

  it("fails with 'truncated' when fewer bytes arrive than Content-Length said", async () => {
    const error = await load(chunked([[1, 2], [3]], 10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as ModelLoadError).code).toBe('truncated');
  });
});
