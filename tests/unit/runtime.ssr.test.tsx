// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { PerformanceDisplay, useBackend, useRuntime, WebcamMLProvider } from '@webcam-ml/react/runtime';
import { backendManager, getConfig, modelCache } from '@webcam-ml/core/runtime';

function BaseUrl() {
  return <i>{useRuntime().getConfig().modelBaseUrl}</i>;
}

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
        <BaseUrl />
        <PerformanceDisplay stats={{ fps: 0, latencyMs: 0, backend: null, droppedFrames: 0 }} />
      </WebcamMLProvider>,
    );
    expect(html).toContain('idle:none');
    expect(html).toContain('aria-label="Performance"');
    // The provider's own runtime has its settings; nothing global was written during render.
    expect(html).toContain('<i>/weights/</i>');
    expect(getConfig().modelBaseUrl).toBe('/models/');
    expect(backendManager.getSnapshot().status).toBe('idle');
    expect(modelCache.inspect()).toEqual([]);
  });
});
