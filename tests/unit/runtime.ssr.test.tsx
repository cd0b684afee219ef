// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { PerformanceDisplay, useBackend, WebcamMLProvider } from '@webcam-ml/react/runtime';
import { backendManager, getConfig, modelCache } from '@webcam-ml/core/runtime';

function Status() {
  const { status, backend } = useBackend();
  return <span>{`${status}:${backend ?? 'none'}`}</span>;
}

describe('given server-side rendering (no window)', () => {
  it('imports the runtime and renders the provider, useBackend and PerformanceDisplay', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <WebcamMLProvider modelBaseUrl="/weights/">
        <Status />
        <PerformanceDisplay stats={{ fps: 0, latencyMs: 0, backend: null, droppedFrames: 0 }} />
      </WebcamMLProvider>,
    );
    expect(html).toContain('idle:none');
    expect(html).toContain('aria-label="Performance"');
    expect(getConfig().modelBaseUrl).toBe('/weights/');
    expect(backendManager.getSnapshot().status).toBe('idle');
    expect(modelCache.inspect()).toEqual([]);
  });
});
