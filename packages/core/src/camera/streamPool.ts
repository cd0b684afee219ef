import { missingApiError, toCameraError } from './CameraError';
import { isStreamEnded, stopTracks } from './tracks';

/** `navigator.mediaDevices.getUserMedia`'s shape. */
export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** One consumer's hold on a shared camera stream. */
export interface StreamLease {
  /** The shared stream; rejects with a `CameraError`. Never stop its tracks yourself. */
  readonly stream: Promise<MediaStream>;
  /** Give the stream back. Idempotent. Tracks stop shortly after the last lease is released. */
  release(): void;
}

export interface StreamPoolOptions {
  /**
   * Stands in for `navigator.mediaDevices.getUserMedia` (read at call time, so a fake camera
   * installed later is honoured).
   * @default navigator.mediaDevices.getUserMedia
   */
  getUserMedia?: GetUserMedia;
  /**
   * How long a stream outlives its last lease, so an unmount followed by a mount (StrictMode,
   * a re-keyed component) reuses it instead of asking the camera again. Kept below 100 ms.
   * @default 50
   */
  releaseDelayMs?: number;
}

interface Entry {
  key: string;
  gum: GetUserMedia | undefined;
  refs: number;
  promise: Promise<MediaStream>;
  stream: MediaStream | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** A page-wide, reference-counted set of camera streams, one per distinct constraints. */
export interface StreamPool {
  /** Borrow the stream for these constraints, calling `getUserMedia` only if nobody holds it. */
  acquire(constraints: MediaStreamConstraints): StreamLease;
  /** How many distinct streams are held or pending. */
  readonly size: number;
}

/** A stable key: the same constraints written in any key order share a stream. */
export function constraintsKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(constraintsKey).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${constraintsKey((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Creates a stream pool. Most code uses the page-wide `streamPool`; tests make their own. */
export function createStreamPool(options: StreamPoolOptions = {}): StreamPool {
  const entries = new Map<string, Entry>();
  const delay = Math.min(options.releaseDelayMs ?? 50, 100);

  const close = (entry: Entry) => {
    clearTimeout(entry.timer);
    if (entries.get(entry.key) === entry) entries.delete(entry.key);
    if (entry.stream) stopTracks(entry.stream);
  };

  const open = (key: string, constraints: MediaStreamConstraints, gum: GetUserMedia | undefined): Entry => {
    // `promise` (set right below) needs the entry it belongs to; `timer` waits for a release.
    const entry = { key, gum, refs: 0, stream: null } as Entry;
    entry.promise = (async () => {
      if (!gum) throw missingApiError();
      let stream: MediaStream;
      try {
        stream = await gum.call(globalThis.navigator?.mediaDevices, constraints);
      } catch (error) {
        throw toCameraError(error);
      }
      // Nobody holds the entry any more (every consumer left, within the release delay or
      // after it): a stream that arrives now is stopped at once.
      if (entry.refs === 0) {
        stopTracks(stream);
        throw toCameraError(new DOMException('released before the camera started', 'AbortError'));
      }
      entry.stream = stream;
      return stream;
    })();
    // A failure is never cached: the next acquire asks again.
    entry.promise.catch(() => close(entry));
    entries.set(key, entry);
    return entry;
  };

  return {
    get size() {
      return entries.size;
    },
    acquire(constraints) {
      const key = constraintsKey(constraints);
      const gum = options.getUserMedia ?? globalThis.navigator?.mediaDevices?.getUserMedia;
      let entry = entries.get(key);
      // Another getUserMedia (a fake camera installed or removed) never shares the old one's
      // stream, and a stream whose video tracks all ended (unplugged, or stopped by other code,
      // which fires no event) is never shared: its holders release it on their own.
      if (!entry || entry.gum !== gum || (entry.stream && isStreamEnded(entry.stream))) {
        entry = open(key, constraints, gum);
      }
      clearTimeout(entry.timer);
      entry.refs++;
      let released = false;
      return {
        stream: entry.promise,
        release() {
          if (released) return;
          released = true;
          // acquire() clears the timer, so it fires only if nobody came back.
          if (--entry.refs === 0) entry.timer = setTimeout(() => close(entry), delay);
        },
      };
    },
  };
}

/** The page-wide stream pool every `CameraSource` shares. */
export const streamPool: StreamPool = /* @__PURE__ */ createStreamPool();
