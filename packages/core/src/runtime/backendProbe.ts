/**
 * The measurements the BackendManager takes before trusting a backend: a known computation whose
 * result is checked against values computed in plain JavaScript, and a timed workload shaped like
 * the first layers of the MobileNet-style models webcam-ml runs.
 */
import * as tf from '@tensorflow/tfjs-core';

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
  if (typeof document === 'undefined') return { available: false, renderer: null, software: false };
  const canvas = document.createElement('canvas');
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return { available: false, renderer: null, software: false };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  // Free the probe context now: browsers cap live WebGL contexts (about 16 in Chromium).
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { available: true, renderer, software: isSoftwareRenderer(renderer) };
}
