import { Store } from '@webcam-ml/core';
import type { BackendHandle, BackendName, BackendState } from '@webcam-ml/core/runtime';

/** A backend manager that is ready at once (or when told), with a generation to bump. */
export class FakeBackend extends Store<BackendState> implements BackendHandle {
  refs = 0;
  constructor() {
    super({ status: 'ready', backend: 'cpu', reason: 'fake', probes: [], generation: 0, error: null });
  }
  acquire = () => {
    this.refs++;
    return this.ready();
  };
  release = () => {
    this.refs--;
  };
  /** Like the real manager: resolves once `ready`, rejects while `error`. */
  ready = () =>
    new Promise<BackendName>((resolve, reject) => {
      const check = () => {
        const s = this.getSnapshot();
        if (s.status === 'ready') resolve('cpu');
        else if (s.status === 'error') reject(s.error ?? new Error('no backend'));
        else return false;
        return true;
      };
      if (check()) return;
      const stop = this.subscribe(() => {
        if (check()) stop();
      });
    });
  set(patch: Partial<BackendState>) {
    this.setState(patch);
  }
}

export interface FakeServer {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  requests: string[];
  /** Requests whose responses are held until `open()`. */
  hold: (path: string) => void;
  open: (path: string) => void;
  signals: Map<string, AbortSignal>;
}

/** An in-memory static server for `globalThis.fetch`. */
export function fakeServer(files: Record<string, { body: string | Uint8Array; type?: string; status?: number }>): FakeServer {
  const requests: string[] = [];
  const held = new Map<string, (() => void)[]>();
  const holding = new Set<string>();
  const signals = new Map<string, AbortSignal>();
  const server: FakeServer = {
    requests,
    signals,
    hold: (path) => void holding.add(path),
    open: (path) => {
      holding.delete(path);
      for (const go of held.get(path) ?? []) go();
      held.delete(path);
    },
    fetch: async (input, init) => {
      const path = new URL(String(input)).pathname;
      requests.push(path);
      if (init?.signal) signals.set(path, init.signal);
      if (holding.has(path)) {
        await new Promise<void>((resolve, reject) => {
          held.set(path, [...(held.get(path) ?? []), resolve]);
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      }
      const file = files[path];
      if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
      const body = typeof file.body === 'string' ? new TextEncoder().encode(file.body) : new Uint8Array(file.body);
      return new Response(body, {
        status: file.status ?? 200,
        headers: { 'content-type': file.type ?? 'application/octet-stream', 'content-length': String(body.byteLength) },
      });
    },
  };
  return server;
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
