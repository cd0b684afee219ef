/**
 * Page-wide weight downloads: each URL is fetched at most once while any model load holds it,
 * checked (HTTP status, HTML instead of data, size and sha256 against the models manifest, shard
 * sizes against the model's weights manifest) and kept as an ArrayBuffer until its last holder
 * lets go.
 */
import { ModelLoadError } from './ModelLoadError';
import type { ManifestFile, ManifestFiles } from './manifest';
import { checkSha256, checkSize, isHtml, verify } from './verifyBytes';
import { readCachedFile, writeCachedFile } from './persistentCache';
import { byobReader, readBody, readInto } from './readBody';

/** What is known in advance about a file: from manifest.json or a model's weights manifest. */
export interface ExpectedFile {
  bytes?: number;
  sha256?: string;
  /** Declared by a weights manifest: the shards of one group, whose sizes sum to `groupBytes`. */
  group?: { urls: string[]; bytes: number };
}

/** Someone interested in a download: gets progress, and keeps it alive. */
export interface DownloadHolder {
  onBytes: (url: string, loaded: number, total: number) => void;
}

interface Download {
  url: string;
  result: Promise<ArrayBuffer>;
  controller: AbortController;
  holders: Set<DownloadHolder>;
  settled: boolean;
  loaded: number;
  total: number;
  bytes: ArrayBuffer | null;
  /** The sha256 the bytes were checked against; `null` when they went unverified. */
  verifiedSha256: string | null;
}

const downloads = new Map<string, Download>();
/** Shard expectations learnt from weights manifests, by absolute shard URL. */
const declared = new Map<string, { urls: string[]; bytes: number }>();

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

interface WeightsManifestGroup {
  paths: string[];
  weights: { shape: number[]; dtype: string; quantization?: { dtype: string } }[];
}

/** Learn shard sizes from a model.json (graph or layers) or a face-api weights manifest. */
export function declareShards(modelUrl: string, json: unknown): Map<string, number> {
  const totals = new Map<string, number>();
  const groups: unknown = Array.isArray(json) ? json : (json as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(groups)) return totals;
  for (const group of groups as WeightsManifestGroup[]) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) continue;
    let bytes = 0;
    for (const w of group.weights) {
      const size = (w.shape ?? []).reduce((a, b) => a * b, 1);
      const per = DTYPE_BYTES[w.quantization?.dtype ?? w.dtype];
      if (per === undefined) {
        bytes = NaN; // strings have no fixed size
        break;
      }
      bytes += size * per;
    }
    if (!Number.isFinite(bytes)) continue;
    const urls = group.paths.map((p) => new URL(p, modelUrl).href);
    for (const url of urls) declared.set(url, { urls, bytes });
    totals.set(urls.join(' '), bytes);
  }
  return totals;
}

function abortedError(url: string, cause?: unknown): ModelLoadError {
  return new ModelLoadError(url, 'aborted', undefined, cause === undefined ? undefined : { cause });
}

async function download(d: Download, expected: ManifestFile | undefined, persistent: boolean): Promise<ArrayBuffer> {
  const { url, controller } = d;
  if (persistent && expected) {
    const cached = await readCachedFile(url, expected.sha256);
    if (cached && cached.byteLength === expected.bytes) {
      d.verifiedSha256 = expected.sha256; // stored only after it was verified, keyed by its sha
      d.loaded = d.total = cached.byteLength;
      for (const h of d.holders) h.onBytes(url, d.loaded, d.total);
      return cached;
    }
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) throw abortedError(url, error);
    throw new ModelLoadError(url, 'network', error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (response.status === 404) throw new ModelLoadError(url, 'not-found', undefined, { status: 404 });
  if (!response.ok) throw new ModelLoadError(url, 'http', `HTTP ${response.status} ${response.statusText}`, { status: response.status });
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/html')) {
    await response.body?.cancel();
    throw new ModelLoadError(url, 'html', `content-type ${type}`, { status: response.status });
  }
  // Content-Length counts encoded bytes; only trust it for uncompressed responses.
  const length = response.headers.get('content-encoding') ? NaN : Number(response.headers.get('content-length') ?? NaN);
  d.total = expected?.bytes ?? (Number.isFinite(length) ? length : (declared.get(url)?.urls.length === 1 ? declared.get(url)!.bytes : 0));
  d.loaded = 0;
  let body: Uint8Array<ArrayBuffer>;
  try {
    const stream = response.body;
    const byob = stream && d.total > 0 ? byobReader(stream) : null;
    if (byob) body = await readInto(byob, d);
    else {
      const reader = stream?.getReader();
      body = reader ? await readBody(reader, d) : new Uint8Array(await response.arrayBuffer());
    }
  } catch (error) {
    if (controller.signal.aborted) throw abortedError(url, error);
    throw new ModelLoadError(url, 'truncated', `the connection broke after ${d.loaded} bytes`, { cause: error });
  }
  if (isHtml(body)) throw new ModelLoadError(url, 'html', `content-type ${type || 'none'}`, { status: response.status });
  if (Number.isFinite(length) && body.byteLength < length) {
    throw new ModelLoadError(url, 'truncated', `${body.byteLength} of ${length} bytes (Content-Length)`);
  }
  if (expected) {
    await verify(url, body, expected);
    d.verifiedSha256 = expected.sha256;
    if (persistent) void writeCachedFile(url, expected.sha256, body.buffer);
  }
  return body.buffer;
}

/** Throw `truncated` when the shards of a weights-manifest group do not add up. */
function checkDeclaredSize(url: string, bytes: number): void {
  const group = declared.get(url);
  if (!group) return;
  if (group.urls.length === 1) {
    if (bytes < group.bytes) throw new ModelLoadError(url, 'truncated', `${bytes} of ${group.bytes} bytes declared by the weights manifest`);
    return;
  }
  const sizes = group.urls.map((u) => downloads.get(u)?.bytes?.byteLength);
  if (sizes.every((s) => s !== undefined)) {
    const sum = sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum < group.bytes) throw new ModelLoadError(url, 'truncated', `the group's shards hold ${sum} of ${group.bytes} bytes declared by the weights manifest`);
  }
}

/**
 * The verified bytes of `url`, downloading them unless a holder already did. `manifest` is the
 * caller's view of manifest.json (`resolveManifest` under its runtime's `integrity`): a download
 * shared with a holder that had no sums is checked again against this caller's. `holder` keeps
 * the bytes alive until `releaseDownloads(holder)`; the download is aborted when every holder
 * that asked for it has let go before it finished.
 */
export async function fetchVerified(
  url: string,
  holder: DownloadHolder,
  signal: AbortSignal,
  options: {
    manifest: () => Promise<ManifestFiles>;
    persistent: boolean;
    /**
     * Take the sha256 check of these bytes as a promise instead of waiting for it: the caller may
     * decode them meanwhile (the hash runs off the main thread) but must await the promise before
     * anything made from them is used. Sizes are still checked before the bytes are returned.
     */
    deferSha256?: (check: Promise<void>) => void;
  },
): Promise<ArrayBuffer> {
  if (signal.aborted) throw abortedError(url);
  // The persistent cache is keyed by the sum, so it needs the manifest first; otherwise the file
  // downloads while manifest.json arrives (a load is not one round trip longer than the bare
  // library's) and is verified once both are here.
  const manifest = options.manifest();
  manifest.catch(() => undefined);
  let expected = options.persistent ? (await manifest)?.get(url) : undefined;
  if (signal.aborted) throw abortedError(url);
  let d = downloads.get(url);
  if (!d) {
    const created: Download = {
      url,
      controller: new AbortController(),
      holders: new Set(),
      settled: false,
      loaded: 0,
      total: 0,
      bytes: null,
      verifiedSha256: null,
      result: Promise.resolve(new ArrayBuffer(0)),
    };
    created.result = download(created, expected, options.persistent).then(
      (bytes) => {
        created.settled = true;
        created.bytes = bytes;
        return bytes;
      },
      (error: unknown) => {
        created.settled = true;
        if (downloads.get(url) === created) downloads.delete(url);
        throw error;
      },
    );
    created.result.catch(() => undefined);
    downloads.set(url, created);
    d = created;
  }
  const shared = d;
  shared.holders.add(holder);
  if (shared.loaded > 0 || shared.total > 0) holder.onBytes(url, shared.loaded, Math.max(shared.total, shared.loaded));
  const arrived = new Promise<ArrayBuffer>((resolve, reject) => {
    const onAbort = () => reject(abortedError(url));
    signal.addEventListener('abort', onAbort, { once: true });
    shared.result.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
  // When the manifest fails first, the bytes are not waited for: their failure is not unhandled.
  arrived.catch(() => undefined);
  if (!options.persistent) expected = (await manifest)?.get(url);
  const bytes = await arrived;
  if (expected && shared.verifiedSha256 !== expected.sha256) {
    const sum = expected.sha256;
    // Bad bytes fetched unverified: the next load downloads them again.
    const forget = (error: unknown): never => {
      if (downloads.get(url) === shared) downloads.delete(url);
      throw error;
    };
    const body = new Uint8Array(bytes);
    try {
      checkSize(url, body, expected);
    } catch (error) {
      forget(error);
    }
    const check = checkSha256(url, body, expected).then(() => {
      shared.verifiedSha256 = sum;
    }, forget);
    if (options.deferSha256) {
      check.catch(() => undefined);
      options.deferSha256(check);
    } else await check;
  }
  checkDeclaredSize(url, bytes.byteLength);
  return bytes;
}

/** Let go of every download `holder` asked for: abort those still running, free finished ones. */
export function releaseDownloads(holder: DownloadHolder): void {
  for (const [url, d] of downloads) {
    if (!d.holders.delete(holder) || d.holders.size > 0) continue;
    downloads.delete(url);
    if (!d.settled) d.controller.abort();
  }
}

/** How many downloads are alive and how many bytes they hold (tests, diagnostics). */
export function liveDownloads(): { count: number; bytes: number } {
  let bytes = 0;
  for (const d of downloads.values()) bytes += d.bytes?.byteLength ?? 0;
  return { count: downloads.size, bytes };
}

/** The content type a model file is served to TF.js with (`LoadContext.fetch`): JSON or bytes. */
export function contentType(url: string): string {
  const path = new URL(url).pathname;
  if (path.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}
