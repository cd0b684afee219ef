import { describe, expect, it } from 'vitest';
import { backendManager } from '@webcam-ml/core/runtime';

describe("given a CSP without 'wasm-unsafe-eval'", () => {
  it('falls back from wasm and says why', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'self'";
    document.head.append(meta);
    const backend = await backendManager.acquire();
    const { probes, reason } = backendManager.getSnapshot();
    expect(backend).not.toBe('wasm');
    expect(probes.find((p) => p.name === 'wasm')).toMatchObject({ ok: false, note: expect.stringMatching(/failed to initialise .*'wasm-unsafe-eval'/) });
    expect(reason).toMatch(new RegExp(`^auto: ${backend}`));
    backendManager.release();
  });
});
