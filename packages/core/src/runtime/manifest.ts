/**
 * The models folder's `manifest.json` (written by `webcam-ml-models copy`): the size and sha256
 * of every file, which downloads are verified against. Only a manifest that was served is kept
 * for the page; a failed request is never cached (one 503 used to switch verification off for the
 * rest of the page, issue 16), and a folder that served one once is from then on expected to.
 */
import { describeError, ModelLoadError } from './ModelLoadError';

/** One line of `manifest.json` written by `webcam-ml-models copy`. */
export interface ManifestFile {
  file: string;
  bytes: number;
  sha256: string;
}

/** How downloads are checked against `manifest.json` (the `integrity` runtime setting). */
export type IntegrityPolicy = 'required' | 'if-available' | 'off';

/** The files of a manifest by absolute URL, or `null` when the load goes unverified. */
export type ManifestFiles = Map<string, ManifestFile> | null;

type ManifestAnswer =
  | { kind: 'served'; files: Map<string, ManifestFile> }
  /** 404/410, or an HTML page (an SPA fallback): the folder has no manifest. */
  | { kind: 'absent'; detail: string }
  /** A 5xx, a network failure or an unreadable body: whether it has one is unknown. */
  | { kind: 'failed'; detail: string; network?: unknown };

/**
 * Waits before each new attempt after a failed manifest request: bounded, about 2.3 s in all, so
 * a short server hiccup is ridden out and a lasting one ends in `manifest-unavailable` quickly.
 */
export const MANIFEST_RETRY_DELAYS_MS: readonly number[] = [200, 600, 1500];

const served = new Map<string, Map<string, ManifestFile>>();
const inFlight = new Map<string, Promise<ManifestAnswer>>();

/**
 * Base URLs that served a manifest, on this page and (best effort, in localStorage) on earlier
 * visits: a 404 there later means the manifest was removed, not that the folder never had one.
 */
const everServed = new Set<string>();
const SERVED_KEY = 'webcam-ml:manifest-served';
const SERVED_KEPT = 20;

function storedServed(): string[] {
  try {
    const list: unknown = JSON.parse(globalThis.localStorage?.getItem(SERVED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return []; // storage disabled (sandboxed frame, privacy settings): the page's memory remains
  }
}

function rememberServed(baseUrl: string): void {
  if (everServed.has(baseUrl)) return;
  everServed.add(baseUrl);
  try {
    const list = [baseUrl, ...storedServed().filter((u) => u !== baseUrl)].slice(0, SERVED_KEPT);
    globalThis.localStorage?.setItem(SERVED_KEY, JSON.stringify(list));
  } catch {
    // Quota or disabled storage: best effort.
  }
}

function wasServed(baseUrl: string): boolean {
  return everServed.has(baseUrl) || storedServed().includes(baseUrl);
}

async function request(baseUrl: string): Promise<ManifestAnswer> {
  const url = new URL('manifest.json', baseUrl).href;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    return { kind: 'failed', detail: `request failed: ${describeError(error)}`, network: error };
  }
  if (response.status === 404 || response.status === 410) return { kind: 'absent', detail: `HTTP ${response.status}` };
  if (!response.ok) return { kind: 'failed', detail: `HTTP ${response.status} ${response.statusText}`.trim() };
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    await response.body?.cancel();
    return { kind: 'absent', detail: 'an HTML page was served' };
  }
  try {
    const json = (await response.json()) as { files?: unknown };
    if (!Array.isArray(json.files)) return { kind: 'failed', detail: 'no "files" list' };
    const files = new Map<string, ManifestFile>();
    for (const f of json.files as ManifestFile[]) files.set(new URL(f.file, baseUrl).href, f);
    return { kind: 'served', files };
  } catch (error) {
    return { kind: 'failed', detail: `unreadable: ${describeError(error)}` };
  }
}

/** One request at a time per folder, shared by every load asking meanwhile; never cached. */
function ask(baseUrl: string): Promise<ManifestAnswer> {
  let pending = inFlight.get(baseUrl);
  if (!pending) {
    pending = request(baseUrl).finally(() => inFlight.delete(baseUrl));
    inFlight.set(baseUrl, pending);
  }
  return pending;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ModelLoadError('manifest.json', 'aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ModelLoadError('manifest.json', 'aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The manifest to verify one load against, under `policy`:
 * - `'off'`: `null`, nothing is asked for.
 * - `'if-available'`: the manifest when the folder serves one; `null` when it has none (404, an
 *   HTML fallback) and never served one on this page.
 * - `'required'`: the manifest, or `manifest-unavailable`.
 *
 * A failed request (5xx, network, unreadable) is retried after each of `MANIFEST_RETRY_DELAYS_MS`;
 * when it still fails the load fails under both checking policies, since whether sums exist is
 * unknown: `manifest-unavailable`, or `network` when the request itself failed (offline). Only a
 * served manifest is kept for later loads.
 */
export async function resolveManifest(baseUrl: string, policy: IntegrityPolicy, signal: AbortSignal): Promise<ManifestFiles> {
  if (policy === 'off') return null;
  let answer: ManifestAnswer | undefined;
  for (let attempt = 0; ; attempt++) {
    const known = served.get(baseUrl);
    if (known) return known;
    answer = await ask(baseUrl);
    if (signal.aborted) throw new ModelLoadError(new URL('manifest.json', baseUrl).href, 'aborted');
    if (answer.kind === 'served') {
      served.set(baseUrl, answer.files);
      rememberServed(baseUrl);
      return answer.files;
    }
    if (answer.kind === 'absent' || attempt >= MANIFEST_RETRY_DELAYS_MS.length) break;
    await wait(MANIFEST_RETRY_DELAYS_MS[attempt], signal);
  }
  const servedBefore = wasServed(baseUrl);
  if (answer.kind === 'absent' && policy === 'if-available' && !servedBefore) return null;
  const why =
    answer.kind === 'absent'
      ? `${answer.detail}${servedBefore ? ', though this folder served one earlier' : ''}`
      : `${answer.detail}, after ${MANIFEST_RETRY_DELAYS_MS.length + 1} attempts`;
  const url = new URL('manifest.json', baseUrl).href;
  // Offline is said as such (the reason every other file gives), and still fails the load.
  if (answer.kind === 'failed' && answer.network !== undefined) throw new ModelLoadError(url, 'network', why, { cause: answer.network });
  throw new ModelLoadError(url, 'manifest-unavailable', why);
}

/**
 * Forget the manifest this page loaded from `baseUrl`, so the next load asks again (after
 * re-copying the models folder; tests). The folder is still known to have served one.
 */
export function clearServedManifest(baseUrl: string): void {
  served.delete(baseUrl);
}

/** Forget every manifest seen, on this page and in localStorage (tests). */
export function clearManifestCache(): void {
  served.clear();
  everServed.clear();
  try {
    globalThis.localStorage?.removeItem(SERVED_KEY);
  } catch {
    // Disabled storage holds nothing to forget.
  }
}
