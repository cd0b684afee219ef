import { StrictMode, useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import * as tf from '@tensorflow/tfjs-core';
import { getConfig } from '@webcam-ml/core/runtime';
import { PerformanceDisplay, useBackend, useRuntime, WebcamMLProvider } from '@webcam-ml/react/runtime';
import { until } from './runtime.helpers';

function BackendStatus() {
  const { status, backend, reason, probes, use } = useBackend();
  return (
    <div>
      <output aria-label="backend">{`${status} ${backend ?? ''}`}</output>
      <p>{reason}</p>
      <ul aria-label="probes">
        {probes.map((p) => (
          <li key={p.name}>{`${p.name} ${p.ok ? 'ok' : 'rejected'}`}</li>
        ))}
      </ul>
      <button onClick={() => void use('cpu')}>Use cpu</button>
      <button onClick={() => void use('auto')}>Automatic</button>
    </div>
  );
}

afterEach(() => cleanup());

describe('given a WebcamMLProvider around a component using useBackend', () => {
  it('gives its children its own runtime with its settings, already in their effects, writing nothing global', () => {
    let seen = '';
    function Child() {
      const runtime = useRuntime();
      useEffect(() => {
        seen = runtime.getConfig().modelBaseUrl;
      }, [runtime]);
      return null;
    }
    render(
      <StrictMode>
        <WebcamMLProvider modelBaseUrl="/weights/">
          <Child />
        </WebcamMLProvider>
      </StrictMode>,
    );
    expect(seen).toBe('/weights/');
    expect(getConfig().modelBaseUrl).toBe('/models/');
  });

  it('shows the automatic choice with its probes', async () => {
    render(
      <StrictMode>
        <WebcamMLProvider modelBaseUrl="/models/" backend="auto">
          <BackendStatus />
        </WebcamMLProvider>
      </StrictMode>,
    );
    await until(() => screen.getByLabelText('backend').textContent === 'ready wasm', 20_000, 'ready wasm');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['webgpu rejected', 'webgl rejected', 'wasm ok', 'cpu ok']);
  });

  it('switches the real TF.js backend from a button', async () => {
    render(
      <StrictMode>
        <BackendStatus />
      </StrictMode>,
    );
    await until(() => screen.getByLabelText('backend').textContent === 'ready wasm', 20_000, 'ready wasm');
    fireEvent.click(screen.getByRole('button', { name: 'Use cpu' }));
    await until(() => screen.getByLabelText('backend').textContent === 'ready cpu', 20_000, 'ready cpu');
    expect(tf.getBackend()).toBe('cpu');
    fireEvent.click(screen.getByRole('button', { name: 'Automatic' }));
    await until(() => screen.getByLabelText('backend').textContent === 'ready wasm', 20_000, 'back to wasm');
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('given a provider that re-renders after useBackend().use(...) (issue 11, defect 7)', () => {
  it('keeps the backend the user chose: the provider applies a prop only when it changes', async () => {
    const tree = (label: string) => (
      <StrictMode>
        <WebcamMLProvider modelBaseUrl="/models/" backend="auto">
          <span>{label}</span>
          <BackendStatus />
        </WebcamMLProvider>
      </StrictMode>
    );
    const { rerender } = render(tree('first'));
    await until(() => screen.getByLabelText('backend').textContent === 'ready wasm', 20_000, 'ready wasm');
    fireEvent.click(screen.getByRole('button', { name: 'Use cpu' }));
    await until(() => screen.getByLabelText('backend').textContent === 'ready cpu', 20_000, 'ready cpu');
    rerender(tree('second'));
    rerender(tree('third'));
    await new Promise((r) => setTimeout(r, 500));
    expect(screen.getByText('third')).toBeTruthy();
    expect(screen.getByLabelText('backend').textContent).toBe('ready cpu');
    expect(tf.getBackend()).toBe('cpu');
    fireEvent.click(screen.getByRole('button', { name: 'Automatic' }));
    await until(() => screen.getByLabelText('backend').textContent === 'ready wasm', 20_000, 'back to wasm');
  });
});

describe('given engine stats', () => {
  it('PerformanceDisplay shows fps, latency, backend and dropped frames', () => {
    render(
      <StrictMode>
        <PerformanceDisplay stats={{ fps: 29.46, latencyMs: 23.6, backend: 'wasm', droppedFrames: 3 }} />
      </StrictMode>,
    );
    const list = screen.getByLabelText('Performance');
    const pairs = [...list.querySelectorAll('div')].map((d) => `${d.querySelector('dt')!.textContent}=${d.querySelector('dd')!.textContent}`);
    expect(pairs).toEqual(['FPS=29.5', 'Latency=24 ms', 'Backend=wasm', 'Dropped=3']);
  });
});
