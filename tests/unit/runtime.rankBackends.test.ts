import { describe, expect, it } from 'vitest';
import { rankBackends } from '../../packages/core/src/runtime/rankBackends';

describe('given probes where every candidate worked', () => {
  it('puts the fastest first and names every time in the reason', () => {
    const { order, choice } = rankBackends([
      { name: 'webgl', ok: true, ms: 9 },
      { name: 'wasm', ok: true, ms: 4 },
      { name: 'cpu', ok: true, ms: 80 },
    ]);
    expect(order).toEqual(['wasm', 'webgl', 'cpu', 'webgpu']);
    expect(choice).toEqual({ backend: 'wasm', reason: 'auto: wasm is the fastest working backend (4 ms on the probe workload; webgl 9 ms, cpu 80 ms)' });
  });
});

describe('given a software WebGL renderer that measured faster than wasm', () => {
  it('demotes it below every working hardware backend other than cpu, and says why', () => {
    const { order, choice } = rankBackends([
      { name: 'webgl', ok: true, ms: 2, software: 'software renderer: SwiftShader' },
      { name: 'wasm', ok: true, ms: 5 },
      { name: 'cpu', ok: true, ms: 90 },
    ]);
    expect(order).toEqual(['wasm', 'cpu', 'webgl', 'webgpu']);
    expect(choice?.backend).toBe('wasm');
    expect(choice?.reason).toMatch(/; webgl demoted \(software renderer: SwiftShader\)$/);
  });

  it('ranks it on its time when only cpu works beside it', () => {
    const { order, choice } = rankBackends([
      { name: 'webgl', ok: true, ms: 30, software: 'software renderer: SwiftShader' },
      { name: 'wasm', ok: false, note: 'failed to initialise' },
      { name: 'cpu', ok: true, ms: 90 },
    ]);
    expect(order).toEqual(['webgl', 'cpu', 'webgpu', 'wasm']);
    expect(choice?.backend).toBe('webgl');
  });
});

describe('given failed probes', () => {
  it('excludes them (and probes without a time), whatever their time', () => {
    const { order, choice } = rankBackends([
      { name: 'webgpu', ok: false, ms: 1, note: 'computed a wrong result' },
      { name: 'webgl', ok: true },
      { name: 'wasm', ok: true, ms: 6 },
    ]);
    expect(order).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(choice?.backend).toBe('wasm');
  });

  it('chooses nothing when none worked', () => {
    expect(rankBackends([{ name: 'wasm', ok: false }, { name: 'cpu', ok: false }])).toEqual({
      order: ['webgpu', 'webgl', 'wasm', 'cpu'],
      choice: null,
    });
  });
});

describe('given two candidates with the same time', () => {
  it('breaks the tie in the order webgpu, webgl, wasm, cpu', () => {
    const { order } = rankBackends([
      { name: 'cpu', ok: true, ms: 7 },
      { name: 'wasm', ok: true, ms: 7 },
      { name: 'webgpu', ok: true, ms: 7 },
    ]);
    expect(order).toEqual(['webgpu', 'wasm', 'cpu', 'webgl']);
  });
});
