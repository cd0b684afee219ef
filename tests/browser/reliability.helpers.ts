// Fault injection shared by the reliability and privacy browser tests.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { cleanup } from '@testing-library/react';
import { backendManager, configure, getConfig, modelCache } from '@webcam-ml/core/runtime';
import { until } from './runtime.helpers';

/** One request answered by `slowNetwork`. */
export interface SlowRequest {
  url: string;
  /** Bytes handed to the page so far. */
  delivered: number;
  total: number;
  /** The page aborted the request (its `AbortSignal` fired). */
  aborted: boolean;
}

/**
 * Make the files whose URL matches `match` arrive slowly: the real bytes, `chunk` bytes every
 * `everyMs`, with a correct Content-Length, as a slow connection would deliver them. The page's
 * `AbortSignal` ends the body with an `AbortError`, as a real `fetch` does. Other URLs are
 * fetched normally. Call `restore()` to put the real `fetch` back.
 */
export function slowNetwork(match: (url: string) => boolean, { chunk = 64 * 1024, everyMs = 50 } = {}) {
  const original = globalThis.fetch;
  const requests: SlowRequest[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!match(url)) return original(input, init);
    const signal = init?.signal ?? null;
    const bytes = new Uint8Array(await (await original(input)).arrayBuffer());
    const request: SlowRequest = { url, delivered: 0, total: bytes.byteLength, aborted: false };
    requests.push(request);
    if (signal?.aborted) {
      request.aborted = true;
      throw new DOMException('The operation was aborted.', 'AbortError');
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener('abort', () => {
          request.aborted = true;
          clearTimeout(timer);
          controller.error(new DOMException('The operation was aborted.', 'AbortError'));
        });
      },
      pull(controller) {
        return new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            if (request.aborted) return resolve();
            const next = bytes.subarray(request.delivered, request.delivered + chunk);
            request.delivered += next.byteLength;
            controller.enqueue(next.slice());
            if (request.delivered >= bytes.byteLength) controller.close();
            resolve();
          }, everyMs);
        });
      },
      cancel() {
        clearTimeout(timer);
      },
    });
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
    });
  };
  return { requests, restore: () => void (globalThis.fetch = original) };
}

/**
 * Take the page offline: every `fetch` fails the way a dropped connection does (a `TypeError`),
 * and is counted. `restore()` goes back online.
 */
export function goOffline() {
  const original = globalThis.fetch;
  const attempts: string[] = [];
  globalThis.fetch = (input: RequestInfo | URL) => {
    attempts.push(input instanceof Request ? input.url : String(input));
    return Promise.reject(new TypeError('Failed to fetch'));
  };
  return { attempts, restore: () => void (globalThis.fetch = original) };
}

/** Models alive in the page's cache whose key starts with one of `prefixes`. */
export function liveModels(...prefixes: string[]) {
  return modelCache.inspect().filter((e) => prefixes.length === 0 || prefixes.some((p) => e.key.startsWith(p)));
}

/**
 * Records every stream the browser's `getUserMedia` (Chromium's fake device) hands out, to count
 * the camera tracks still live.
 */
export function trackStreams() {
  const md = navigator.mediaDevices;
  const own = Object.getOwnPropertyDescriptor(md, 'getUserMedia');
  const original = md.getUserMedia.bind(md);
  const streams: MediaStream[] = [];
  let calls = 0;
  md.getUserMedia = async (constraints) => {
    calls++;
    const stream = await original(constraints);
    streams.push(stream);
    return stream;
  };
  return {
    get calls() {
      return calls;
    },
    liveTracks: () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
    restore: () => {
      if (own) Object.defineProperty(md, 'getUserMedia', own);
      else delete (md as Partial<MediaDevices>).getUserMedia;
    },
  };
}

/** Errors a page reports without a test noticing: uncaught errors and console.error lines. */
export function watchErrors() {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(`unhandled rejection: ${String((e.reason as Error)?.message ?? e.reason)}`);
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(`console.error: ${args.map(String).join(' ')}`);
    consoleError.apply(console, args);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop: () => {
      console.error = consoleError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/**
 * The setting most reliability files share: wasm, a short model release delay (so "released"
 * is observable quickly), and after each test every widget unmounted and every model let go.
 */
export function onWasmWithShortRelease(releaseDelayMs: number): void {
  let previous = 1000;
  beforeAll(async () => {
    previous = getConfig().releaseDelayMs;
    configure({ releaseDelayMs });
    await backendManager.use('wasm');
  });
  afterEach(async () => {
    cleanup();
    await until(() => liveModels().length === 0, 5_000, 'every model released');
  });
  afterAll(() => {
    configure({ releaseDelayMs: previous });
  });
}
