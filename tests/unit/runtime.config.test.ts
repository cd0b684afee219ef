import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, getConfig, resolveModelUrl, subscribeConfig, ModelLoadError } from '@webcam-ml/core/runtime';

afterEach(() => configure({ modelBaseUrl: '/models/', backend: 'auto', persistentCache: false, releaseDelayMs: 1000 }));

describe('given the default settings', () => {
  it('serves models from /models/ with the automatic backend, no persistent cache, and verification whenever a manifest is served', () => {
    expect(getConfig()).toEqual({ modelBaseUrl: '/models/', backend: 'auto', persistentCache: false, releaseDelayMs: 1000, integrity: 'if-available' });
  });

  it('resolves model paths against modelBaseUrl and the page', () => {
    expect(resolveModelUrl('pose/movenet-lightning.json')).toBe(new URL('/models/pose/movenet-lightning.json', location.href).href);
    expect(resolveModelUrl('https://cdn.example/x.json')).toBe('https://cdn.example/x.json');
  });
});

describe('given configure calls', () => {
  it('adds the trailing slash a base URL needs', () => {
    configure({ modelBaseUrl: 'https://static.example/weights' });
    expect(resolveModelUrl('face/a.bin')).toBe('https://static.example/weights/face/a.bin');
  });

  it('notifies only real changes', () => {
    const listener = vi.fn();
    const stop = subscribeConfig(listener);
    configure({ backend: 'auto', modelBaseUrl: undefined });
    expect(listener).not.toHaveBeenCalled();
    configure({ backend: 'cpu' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0][0].backend).toBe('cpu');
    expect(listener.mock.calls[0][1].backend).toBe('auto');
    stop();
  });

  it('names the allowed backends when given another', () => {
    expect(() => configure({ backend: 'gpu' as never })).toThrow(/'auto', 'webgpu', 'webgl', 'wasm', 'cpu'; got "gpu"/);
  });

  it('rejects an empty base URL and a negative delay', () => {
    expect(() => configure({ modelBaseUrl: '' })).toThrow(TypeError);
    expect(() => configure({ releaseDelayMs: -1 })).toThrow(TypeError);
  });
});

describe('given a ModelLoadError', () => {
  it('carries the URL, the reason and the cause, and says what to do', () => {
    const cause = new Error('socket');
    const error = new ModelLoadError('http://x/models/a.bin', 'not-found', undefined, { cause, status: 404 });
    expect(error).toMatchObject({ name: 'ModelLoadError', url: 'http://x/models/a.bin', reason: 'not-found', status: 404, cause });
    expect(error.message).toMatch(/^Cannot load http:\/\/x\/models\/a\.bin: not found \(404\).*webcam-ml-models copy/);
  });
});
