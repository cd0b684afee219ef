import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { backendManager, getFrameLoop, modelCache, type BackendState, type ModelLease } from '@webcam-ml/core/runtime';
import { moveNetSpec, sleep, until } from './runtime.helpers';

describe('given this machine (2 CPU cores, SwiftShader WebGL, no WebGPU adapter)', () => {
  it('the automatic choice is wasm', async () => {
    expect(await backendManager.acquire()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(backendManager.getSnapshot().reason).toMatch(/^auto: wasm is the fastest/);
  });

  it('demotes the software WebGL renderer and explains every candidate', () => {
    const { probes } = backendManager.getSnapshot();
    expect(probes.map((p) => p.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(probes.find((p) => p.name === 'webgl')).toMatchObject({ ok: false, note: expect.stringMatching(/software renderer: .*SwiftShader/) });
    expect(probes.find((p) => p.name === 'wasm')).toMatchObject({ ok: true, note: 'SIMD, single-threaded' });
    const cpu = probes.find((p) => p.name === 'cpu')!;
    const wasm = probes.find((p) => p.name === 'wasm')!;
    expect(cpu.ok && wasm.ok).toBe(true);
    expect(wasm.ms!).toBeLessThan(cpu.ms!);
  });

  it('loads the wasm binary from the models folder, not a CDN', () => {
    const wasmRequests = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => name.endsWith('.wasm'));
    expect(wasmRequests).toEqual([`${location.origin}/models/wasm/tfjs-backend-wasm-simd.wasm`]);
    const offOrigin = performance.getEntriesByType('resource').filter((e) => !e.name.startsWith(location.origin) && !e.name.startsWith('data:') && !e.name.startsWith('blob:'));
    expect(offOrigin.map((e) => e.name)).toEqual([]);
  });
});

describe('given an explicit choice', () => {
  it('really switches to cpu and back to the automatic choice', async () => {
    const generation = backendManager.getSnapshot().generation;
    expect(await backendManager.use('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(backendManager.getSnapshot()).toMatchObject({ backend: 'cpu', reason: 'cpu was requested', generation: generation + 1 });
    expect(await backendManager.use('auto')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('reloads a live model on the new backend', async () => {
    const lease = modelCache.acquire(moveNetSpec('pose/movenet-lightning.json', 'test:switch'));
    const before = await lease.ready();
    let notified = 0;
    const stop = lease.subscribe(() => notified++);
    await backendManager.use('cpu');
    const after = await lease.ready();
    expect(after).not.toBe(before);
    expect(notified).toBeGreaterThan(0);
    stop();
    lease.release();
    await backendManager.use('auto');
  });
});

describe('given WebGL forced and its context lost (WEBGL_lose_context)', () => {
  let lease: ModelLease<GraphModel>;
  let video: HTMLVideoElement;
  let stream: MediaStream;
  /** Load + warm-up on this backend: on SwiftShader, about 5 s of shader compilation. */
  let firstLoadMs = 0;
  beforeAll(async () => {
    expect(await backendManager.use('webgl')).toBe('webgl');
    const start = performance.now();
    lease = modelCache.acquire(moveNetSpec('pose/movenet-lightning.json', 'test:context-loss'));
    await lease.ready();
    firstLoadMs = performance.now() - start;
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
    video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    document.body.append(video);
    await video.play();
  });
  afterAll(async () => {
    lease.release();
    stream.getTracks().forEach((t) => t.stop());
    video.remove();
    await backendManager.use('auto');
  });

  it('goes through recovering, re-initialises WebGL and runs inference again on a reloaded model', async () => {
    let runs = 0;
    const handle = getFrameLoop(video).add({
      run: async (frame) => {
        const model = lease.getSnapshot().model;
        if (!model) return;
        const input = tf.tidy(() => tf.expandDims(tf.cast(tf.image.resizeBilinear(frame.pixels(), [192, 192]), 'int32'), 0));
        const output = model.execute(input) as tf.Tensor;
        input.dispose();
        const values = await output.data();
        output.dispose();
        if (values.some((v) => Number.isNaN(v))) throw new Error('NaN keypoints');
        runs++;
      },
      // Reads racing the loss fail or never settle; the loop abandons them.
      onError: () => undefined,
    });
    try {
      await until(() => runs > 0, 20_000, 'a first inference on webgl');
      const statuses: BackendState['status'][] = [];
      const stop = backendManager.subscribe(() => statuses.push(backendManager.getSnapshot().status));
      const { generation } = backendManager.getSnapshot();
      const oldModel = lease.getSnapshot().model;
      const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGLRenderingContext } }).gpgpu.gl;
      const lostAt = performance.now();
      gl.getExtension('WEBGL_lose_context')!.loseContext();
      // Seen by the subscription: polled, the re-initialisation can be over in between.
      await until(() => statuses.includes('recovering'), 1_000, 'recovering');
      await until(() => backendManager.getSnapshot().status === 'ready', 5_000, 'the backend ready again');
      const backendMs = performance.now() - lostAt;
      const runsAtReady = runs;
      // Reloading re-compiles every shader (about what the first load took) and three frames run
      // after it; on this shared machine either can take twice as long as it did a minute ago.
      // The recovery time itself is measured in runtime.contextLoss.test.ts.
      await until(() => runs > runsAtReady + 2, 15_000 + 2 * firstLoadMs, 'inferences after the loss');
      stop();
      expect(statuses).toContain('recovering');
      expect(backendManager.getSnapshot()).toMatchObject({ status: 'ready', backend: 'webgl', generation: generation + 1 });
      expect(backendManager.getSnapshot().reason).toMatch(/re-initialised after the WebGL context was lost/);
      expect(lease.getSnapshot().model).not.toBe(oldModel);
      console.log(`backend ready ${Math.round(backendMs)} ms after the loss; inference again after ${Math.round(performance.now() - lostAt)} ms (first load took ${Math.round(firstLoadMs)} ms)`);
    } finally {
      handle.remove();
      await sleep(300);
    }
  });
});

afterAll(() => backendManager.release());
