import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { backendManager } from '@webcam-ml/core/runtime';

describe('given this machine (2 CPU cores, SwiftShader WebGL, no WebGPU adapter)', () => {
  it('the automatic choice is wasm, with every candidate probed or explained', async () => {
    const backend = await backendManager.acquire();
    const state = backendManager.getSnapshot();
    console.log(JSON.stringify(state, null, 1));
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(state.reason).toMatch(/wasm/);
    expect(state.probes.map((p) => p.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(state.probes.find((p) => p.name === 'webgl')?.note).toMatch(/software renderer/i);
    backendManager.release();
  });
});
