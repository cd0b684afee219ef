/**
 * The measurements the BackendManager takes before trusting a backend: its hardware (a software
 * renderer is demoted), a known computation whose result is checked against values computed in
 * plain JavaScript, and a timed workload shaped like the first layers of the MobileNet-style
 * models webcam-ml runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hasLostContext, recreateBackend, registerBackend, wasmUrl } from './backendRegistry';
import { BACKEND_NAMES, type RankedProbe } from './rankBackends';
import type { BackendName, BackendProbe } from './contracts';
import { describeError } from './ModelLoadError';

/** Deterministic small integers (exact in float16 too, so GPU backends are not wrongly rejected). */
function seq(n: number, mod: number, offset: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (((i * 7 + 3) % mod) - offset) * scale;
  return out;
}

function expectedMatMul(a: Float32Array, b: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
      out[i * n + j] = s;
    }
  return out;
}

/** NHWC input [1,h,w,c], HWIO filter [3,3,c,o], stride 1, 'same' padding. */
function expectedConv(x: Float32Array, f: Float32Array, h: number, w: number, c: number, o: number): Float32Array {
  const out = new Float32Array(h * w * o);
  for (let y = 0; y < h; y++)
    for (let xx = 0; xx < w; xx++)
      for (let oc = 0; oc < o; oc++) {
        let s = 0;
        for (let dy = 0; dy < 3; dy++)
          for (let dx = 0; dx < 3; dx++) {
            const iy = y + dy - 1;
            const ix = xx + dx - 1;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            for (let ic = 0; ic < c; ic++) s += x[(iy * w + ix) * c + ic] * f[((dy * 3 + dx) * c + ic) * o + oc];
          }
        out[(y * w + xx) * o + oc] = s;
      }
  return out;
}

function close(actual: ArrayLike<number>, expected: Float32Array): string | null {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-2 * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) return `value ${i} is ${actual[i]}, expected ${expected[i]}`;
  }
  return null;
}

/**
 * Runs a matMul and a conv2d with known results on the active backend.
 * @returns null when both are right, else what was wrong
 */
export async function checkKnownComputation(): Promise<string | null> {
  const n = 8;
  const a = seq(n * n, 7, 3, 1);
  const b = seq(n * n, 5, 2, 1);
  const [h, w, c, o] = [6, 6, 2, 3];
  const x = seq(h * w * c, 11, 5, 0.25);
  const f = seq(9 * c * o, 5, 2, 0.5);
  const [mm, conv] = tf.tidy(() => [
    tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])),
    tf.conv2d(tf.tensor4d(x, [1, h, w, c]), tf.tensor4d(f, [3, 3, c, o]), 1, 'same'),
  ]);
  try {
    const [mmValues, convValues] = await Promise.all([mm.data(), conv.data()]);
    const mmError = close(mmValues, expectedMatMul(a, b, n));
    if (mmError) return `matMul: ${mmError}`;
    const convError = close(convValues, expectedConv(x, f, h, w, c, o));
    return convError ? `conv2d: ${convError}` : null;
  } finally {
    mm.dispose();
    conv.dispose();
  }
}

/**
 * Times a MobileNet-like stem (128×128 input: conv, depthwise, pointwise) on the active backend,
 * reading the result back each time as a real frame would.
 * @param giveUpAboveMs stop early (returning the first timing) when a run is slower than this
 * @returns the median ms per run after two warm-up runs
 */
export async function timeWorkload(giveUpAboveMs = Infinity, runs = 5): Promise<number> {
  const weights = tf.tidy(() => ({
    x: tf.tensor4d(seq(128 * 128 * 3, 13, 6, 1 / 6), [1, 128, 128, 3]),
    f1: tf.tensor4d(seq(3 * 3 * 3 * 16, 7, 3, 0.1), [3, 3, 3, 16]),
    d1: tf.tensor4d(seq(3 * 3 * 16, 5, 2, 0.1), [3, 3, 16, 1]),
    p1: tf.tensor4d(seq(16 * 32, 9, 4, 0.05), [1, 1, 16, 32]),
    d2: tf.tensor4d(seq(3 * 3 * 32, 5, 2, 0.1), [3, 3, 32, 1]),
    p2: tf.tensor4d(seq(32 * 64, 9, 4, 0.05), [1, 1, 32, 64]),
  }));
  const once = async (): Promise<number> => {
    const start = performance.now();
    const y = tf.tidy(() => {
      let t = tf.relu(tf.conv2d(weights.x, weights.f1, 2, 'same'));
      t = tf.relu(tf.depthwiseConv2d(t, weights.d1, 1, 'same'));
      t = tf.relu(tf.conv2d(t, weights.p1, 1, 'same'));
      t = tf.relu(tf.depthwiseConv2d(t, weights.d2, 2, 'same'));
      t = tf.conv2d(t, weights.p2, 1, 'same');
      return tf.mean(t, [1, 2]);
    });
    await y.data();
    y.dispose();
    return performance.now() - start;
  };
  try {
    await once();
    const second = await once();
    if (second > giveUpAboveMs) return second;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await once());
    times.sort((p, q) => p - q);
    return times[Math.floor(times.length / 2)];
  } finally {
    tf.dispose(Object.values(weights));
  }
}

/** What a canvas's WebGL reports about the GPU, without initialising TF.js's WebGL backend. */
export interface WebGLRendererInfo {
  available: boolean;
  renderer: string | null;
  /** A CPU rasteriser (SwiftShader, llvmpipe, Microsoft Basic Render Driver...). */
  software: boolean;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver/i;

/** True when a renderer or adapter name is a known CPU rasteriser. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERER.test(name);
}

export function detectWebGLRenderer(): WebGLRendererInfo {
  // In a worker (the executor's) there is no document: WebGL is an OffscreenCanvas's, as TF.js's
  // WebGL backend makes it there (WebGL 2 only).
  const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : null;
  if (!canvas) return { available: false, renderer: null, software: false };
  const gl = (canvas.getContext('webgl2') ?? (typeof document !== 'undefined' ? canvas.getContext('webgl') : null)) as WebGLRenderingContext | null;
  if (!gl) return { available: false, renderer: null, software: false };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  // Free the probe context now: browsers cap live WebGL contexts (about 16 in Chromium).
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { available: true, renderer, software: isSoftwareRenderer(renderer) };
}

/** Minimal WebGPU typing (lib.dom has none yet). */
interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter: (options?: { powerPreference?: string }) => Promise<GpuAdapterLike | null>;
}

/**
 * A candidate's hardware, when it can be learnt without initialising it: `skip` when it cannot
 * run here at all, `software` naming the CPU rasteriser it would run on.
 */
export async function detectHardware(name: BackendName): Promise<{ skip?: string; software?: string }> {
  if (name === 'webgl') {
    const info = detectWebGLRenderer();
    if (!info.available) return { skip: 'WebGL is unavailable' };
    if (info.software) return { software: `software renderer: ${info.renderer}` };
  }
  if (name === 'webgpu') {
    const gpu = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { gpu?: GpuLike }).gpu;
    if (!gpu) return { skip: 'navigator.gpu is missing' };
    let adapter: GpuAdapterLike | null;
    try {
      adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    } catch (error) {
      return { skip: `requestAdapter failed: ${describeError(error)}` };
    }
    if (!adapter) return { skip: 'no WebGPU adapter' };
    const description = [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ');
    if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter || isSoftwareRenderer(description)) {
      return { software: `software adapter${description ? `: ${description}` : ''}` };
    }
  }
  if (name === 'wasm' && typeof WebAssembly === 'undefined') return { skip: 'WebAssembly is unavailable' };
  return {};
}

/** The renderer each backend passed `checkKnownComputation` on (WebGL only: the one that can be re-created). */
const checkedOn = new Map<BackendName, string>();

/** The renderer the active WebGL backend draws with, read from its own context; null elsewhere. */
function activeRenderer(name: BackendName): string | null {
  if (name !== 'webgl') return null;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl || gl.isContextLost()) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof renderer === 'string' && renderer !== '' ? renderer : null;
}

/**
 * Initialise `name`, make it the active TF.js backend and check it computes correctly.
 * @param recovering a re-initialisation after a lost context: the known computation is skipped
 *   when the new context draws with the renderer the check already passed on (its matMul and
 *   conv2d programs, compiled again on the new context, cost 0.15-0.4 s of a recovery on
 *   SwiftShader, before any model can reload); a different renderer (the GPU process fell back to
 *   another) is checked again.
 * @default false
 * @returns null when it works, else why not
 */
export async function initialiseBackend(name: BackendName, allowSoftware: boolean, recovering = false): Promise<string | null> {
  try {
    await registerBackend(name);
    if (name === 'webgl' && allowSoftware) tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
    if (hasLostContext(name)) recreateBackend(name);
    // TF.js only logs why a backend failed; name the usual causes.
    if (!(await tf.setBackend(name))) {
      return name === 'wasm'
        ? `failed to initialise (are ${wasmUrl()}*.wasm served as application/wasm, and does the CSP allow 'wasm-unsafe-eval'?)`
        : 'failed to initialise';
    }
    await tf.ready();
    const renderer = activeRenderer(name);
    if (recovering && renderer !== null && checkedOn.get(name) === renderer) return null;
    const wrong = await checkKnownComputation();
    if (wrong) return `computed a wrong result (${wrong})`;
    if (renderer !== null) checkedOn.set(name, renderer);
    return null;
  } catch (error) {
    return `failed to initialise: ${describeError(error)}`;
  }
}

/** Initialise, check and time one candidate; leaves it active when it works. */
export async function probeBackend(name: BackendName, giveUpAboveMs: number, allowSoftware: boolean, softwareNote?: string): Promise<BackendProbe> {
  const failure = await initialiseBackend(name, allowSoftware);
  if (failure) return { name, ok: false, note: [softwareNote, failure].filter(Boolean).join('; ') };
  let ms: number;
  try {
    ms = await timeWorkload(giveUpAboveMs);
  } catch (error) {
    return { name, ok: false, note: [softwareNote, `failed the timed workload: ${describeError(error)}`].filter(Boolean).join('; ') };
  }
  let note = softwareNote;
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    note = `${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : 'single-threaded'}`;
  }
  return { name, ok: true, ms: Math.round(ms * 100) / 100, ...(note ? { note } : {}) };
}

/**
 * Probe every candidate in turn for the automatic choice: a software renderer only when no wasm
 * or hardware GPU backend works, cpu given up on early when something faster works. Each probe is
 * reported to `record` as it is learnt; the result is what `rankBackends` ranks.
 */
export async function probeCandidates(record: (probe: BackendProbe) => void): Promise<RankedProbe[]> {
  const demoted: { name: BackendName; note: string }[] = [];
  const measured: RankedProbe[] = [];
  let best = Infinity;
  const take = (probe: RankedProbe) => {
    record(probe);
    measured.push(probe);
    if (probe.ok && probe.ms !== undefined) best = Math.min(best, probe.ms);
  };
  for (const name of BACKEND_NAMES) {
    const hw = await detectHardware(name);
    if (hw.skip) {
      record({ name, ok: false, note: hw.skip });
      continue;
    }
    if (hw.software) {
      demoted.push({ name, note: hw.software });
      record({ name, ok: false, note: `${hw.software}; demoted, probed only if wasm fails` });
      measured.push({ name, ok: false, software: hw.software });
      continue;
    }
    // cpu is the reference implementation: only time it fully when nothing faster works.
    take(await probeBackend(name, best * 3, false));
  }
  if (!measured.some((p) => p.ok && p.name !== 'cpu')) {
    for (const d of demoted) {
      const probe = await probeBackend(d.name, best * 3, true, d.note);
      measured.splice(
        measured.findIndex((p) => p.name === d.name),
        1,
      );
      take({ ...probe, software: d.note });
    }
  }
  return measured;
}
