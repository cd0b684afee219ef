import { StrictMode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { render } from './mainThread';
import { configure, getConfig } from '@webcam-ml/core/runtime';
import { Everything, exerciseEverything } from './privacy.widgets';
import { sleep } from './runtime.helpers';

interface Sent {
  via: string;
  method: string;
  url: string;
}

/**
 * Records every way a page can send something: resource timing (every request the document makes,
 * whatever started it: fetch, XHR, an image, a script, a beacon), plus the APIs that open a channel
 * resource timing does not list (WebSocket, EventSource, WebRTC) and the methods of fetch/XHR.
 */
function recordNetwork() {
  const sent: Sent[] = [];
  const undo: (() => void)[] = [];
  performance.setResourceTimingBufferSize(100_000);
  performance.clearResourceTimings();
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceResourceTiming[]) sent.push({ via: `resource:${e.initiatorType}`, method: '', url: e.name });
  });
  observer.observe({ type: 'resource' });
  undo.push(() => observer.disconnect());

  const { fetch } = globalThis;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : null;
    sent.push({ via: 'fetch', method: (init?.method ?? request?.method ?? 'GET').toUpperCase(), url: new URL(request?.url ?? String(input), location.href).href });
    return fetch(input, init);
  };
  undo.push(() => void (globalThis.fetch = fetch));

  const { open } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    sent.push({ via: 'xhr', method: method.toUpperCase(), url: new URL(String(url), location.href).href });
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as XMLHttpRequest['open'];
  undo.push(() => void (XMLHttpRequest.prototype.open = open));

  const beacon = navigator.sendBeacon;
  navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
    sent.push({ via: 'beacon', method: 'POST', url: String(url) });
    return beacon.call(navigator, url, data);
  };
  undo.push(() => void (navigator.sendBeacon = beacon));

  for (const name of ['WebSocket', 'EventSource', 'RTCPeerConnection', 'WebTransport'] as const) {
    const Original = (globalThis as Record<string, unknown>)[name] as (new (...a: unknown[]) => object) | undefined;
    if (!Original) continue;
    (globalThis as Record<string, unknown>)[name] = new Proxy(Original, {
      construct(target, args) {
        sent.push({ via: name, method: '', url: String(args[0] ?? '') });
        return Reflect.construct(target, args);
      },
    });
    undo.push(() => void ((globalThis as Record<string, unknown>)[name] = Original));
  }
  return {
    sent,
    stop: () => {
      for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
        if (!sent.some((s) => s.via.startsWith('resource:') && s.url === e.name)) sent.push({ via: `resource:${e.initiatorType}`, method: '', url: e.name });
      }
      for (const u of undo.splice(0).reverse()) u();
    },
  };
}

describe('given a session with every widget on the camera (pose, face with descriptors, a trained classifier)', () => {
  let sent: Sent[] = [];
  let manifest: Set<string>;

  beforeAll(async () => {
    manifest = new Set(
      ((await (await fetch('/models/manifest.json')).json()) as { files: { file: string }[] }).files.map((f) => new URL(f.file, new URL(getConfig().modelBaseUrl, location.href)).href),
    );
    configure({ releaseDelayMs: 200 });
    const network = recordNetwork();
    try {
      render(
        <StrictMode>
          <Everything />
        </StrictMode>,
      );
      await exerciseEverything();
      await sleep(3_000); // frames keep flowing through every model
      cleanup();
      await sleep(500);
    } finally {
      network.stop();
      sent = network.sent;
    }
  }, 240_000);

  afterAll(() => {
    configure({ releaseDelayMs: 1000 });
  });

  it('made requests (the recorder works)', () => {
    expect(sent.some((s) => s.url.endsWith('/models/pose/movenet-lightning.bin'))).toBe(true);
  });

  it('sent everything to the page origin only', () => {
    expect(sent.filter((s) => new URL(s.url, location.href).origin !== location.origin)).toEqual([]);
  });

  it('fetched, with GET, only manifest.json and files it lists (weights and wasm)', () => {
    const programmatic = sent.filter((s) => s.via === 'fetch' || s.via === 'xhr' || s.via === 'resource:fetch' || s.via === 'resource:xmlhttprequest');
    expect(programmatic.length).toBeGreaterThan(0);
    const manifestUrl = new URL('manifest.json', new URL(getConfig().modelBaseUrl, location.href)).href;
    expect(programmatic.filter((s) => s.url !== manifestUrl && !manifest.has(s.url.split('?')[0]))).toEqual([]);
    expect(programmatic.filter((s) => s.method !== '' && s.method !== 'GET')).toEqual([]);
  });

  it('loaded nothing else but the page’s own modules', () => {
    const other = sent.filter((s) => s.via.startsWith('resource:') && s.via !== 'resource:fetch' && s.via !== 'resource:xmlhttprequest');
    const path = (url: string) => new URL(url).pathname;
    // Vite serves the page's modules from the sources, node_modules/.vite/deps and /@fs/.
    expect(other.filter((s) => !/^\/(packages|node_modules|@fs|@id|@vite|tests)\//.test(path(s.url)))).toEqual([]);
    expect(other.filter((s) => s.via !== 'resource:script' && s.via !== 'resource:other' && s.via !== 'resource:link')).toEqual([]);
  });

  it('opened no socket, event stream or peer connection, and sent no beacon', () => {
    expect(sent.filter((s) => ['WebSocket', 'EventSource', 'RTCPeerConnection', 'WebTransport', 'beacon', 'resource:beacon'].includes(s.via))).toEqual([]);
  });
});
