// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchVerified, releaseDownloads, type DownloadHolder } from '../../packages/core/src/runtime/downloads';
import { ModelLoadError } from '../../packages/core/src/runtime/ModelLoadError';

type StreamKind = 'bytes' | 'default';

/**
 * A response whose body arrives in the given chunks, with the Content-Length we choose to claim.
 * A `'bytes'` body is a byte stream, as browsers' fetch bodies are (read into our own buffer
 * with a BYOB reader); a `'default'` one can only be read chunk by chunk.
 */
function chunked(chunks: number[][], contentLength: number | null, kind: StreamKind): Response {
  const body = new ReadableStream({
    ...(kind === 'bytes' ? { type: 'bytes' as const } : {}),
    start(controller: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController) {
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

describe.each<StreamKind>(['bytes', 'default'])('downloads: reading a body (%s stream)', (kind) => {
  it('assembles chunks into exactly the bytes sent when Content-Length is right', async () => {
    const { bytes, progress } = await load(chunked([[1, 2, 3], [4, 5], [6]], 6, kind));
    expect(bytes).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)).toEqual([6, 6]);
  });

  it('keeps every byte of a body longer than its Content-Length claimed', async () => {
    const { bytes, progress } = await load(chunked([[1, 2, 3], [4, 5], [6, 7, 8]], 4, kind));
    expect(bytes).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it('reads a body of unknown length', async () => {
    const { bytes } = await load(chunked([[9], [8, 7]], null, kind));
    expect(bytes).toEqual([9, 8, 7]);
  });

  it("fails with 'truncated' when fewer bytes arrive than Content-Length said", async () => {
    const error = await load(chunked([[1, 2], [3]], 10, kind)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as ModelLoadError).code).toBe('truncated');
  });
});
