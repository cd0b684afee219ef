/**
 * Loading the TF.js backend packages (each registers its backend with TF.js) and re-creating a
 * backend whose GPU context was lost. Module state, as TF.js's registry is: one per realm.
 */
import * as tf from '@tensorflow/tfjs-core';
import { resolveModelUrl } from './config';
import type { BackendName } from './contracts';

const TF_PRIORITY: Record<BackendName, number> = { webgpu: 3, webgl: 2, wasm: 2, cpu: 1 };

/** Where the wasm binaries are served; set by the runtime that first starts the backend. */
let wasmBaseUrl: string | null = null;

/** The folder the wasm binaries load from (the page default's `modelBaseUrl` + `wasm/` unless set). */
export const wasmUrl = (): string => wasmBaseUrl ?? resolveModelUrl('wasm/');

/** Set where the wasm binaries are served; read when the wasm backend is first registered. */
export function setWasmBaseUrl(url: string): void {
  wasmBaseUrl = url;
}

/** Loads a backend package (which registers it with TF.js) once. */
const registered = new Map<BackendName, Promise<void>>();
/** The factory each package registered, kept to re-register a backend after a context loss. */
const factories = new Map<BackendName, NonNullable<ReturnType<typeof tf.findBackendFactory>>>();

/** Import the package of backend `name` once; a failed import is tried again next time. */
export function registerBackend(name: BackendName): Promise<void> {
  let done = registered.get(name);
  if (!done) {
    done = (async () => {
      if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
      // WEBGL_USE_SHAPES_UNIFORMS stays off: it halves the programs compiled (MoveNet Lightning
      // 174 -> 89, so a context-loss recovery's warm-up about halves) but made each frame 50-80%
      // slower on SwiftShader (tests/browser/runtime.contextLoss.test.ts, RELIABILITY.md); measured
      // again alternating in one page: 166 -> 86 programs, warm-up x0.7, every frame x2.1-2.3, the
      // outputs equal. The worker's backend is registered here too, so it gets the same flags.
      // KHR_parallel_shader_compile is absent on SwiftShader: a compile-only pass
      // (ENGINE_COMPILE_ONLY) only queues the same serial compiles.
      else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
      else if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
      else {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        // Our own served folder, never a CDN; must be set before the backend initialises.
        wasm.setWasmPaths(wasmUrl());
        // TF.js detects threads by posting a SharedArrayBuffer, which some browsers allow
        // without cross-origin isolation, where the threaded binary then fails to start workers.
        if (typeof crossOriginIsolated === 'undefined' || !crossOriginIsolated) {
          tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        }
      }
      const factory = tf.findBackendFactory(name);
      if (factory) factories.set(name, factory);
    })();
    registered.set(name, done);
    done.catch(() => registered.delete(name));
  }
  return done;
}

/** True when the package of `name` registered a factory that `recreateBackend` can use. */
export function canRecreate(name: BackendName): boolean {
  return factories.has(name);
}

/** Drop a backend's instance (its GPU context is gone) and register its factory again. */
export function recreateBackend(name: BackendName): void {
  const factory = factories.get(name);
  if (!factory) return;
  try {
    tf.removeBackend(name);
  } catch {
    // Disposing a backend whose context is already lost may throw; it is being replaced anyway.
  }
  tf.registerBackend(name, factory, TF_PRIORITY[name]);
}

/** TF.js's backend instances, as far as read here (a WebGL backend's GPGPU context). */
const instances = () =>
  (tf.engine() as unknown as { registry: Record<string, { gpgpu?: { gl?: WebGLRenderingContext; itemsToPoll?: { resolveFn: () => void }[] } } | undefined> }).registry;

/** True when a WebGL backend instance exists but its context was lost (while another was active). */
export function hasLostContext(name: BackendName): boolean {
  return instances()[name]?.gpgpu?.gl?.isContextLost() === true;
}

/**
 * Let the reads of a lost WebGL context finish: each `data()` in flight waits on a fence that a
 * lost context never signals, so TF.js would poll it for the rest of the page and the tensors its
 * caller disposes after the read (MoveNet's output, an embedding) would stay, one per frame in
 * flight at the loss (issue 16). Released, they read zeros; the frame loop and the tasks drop
 * those frames (a run started on an older backend generation is never published).
 * @returns whether any read was waiting
 */
export function settleLostReads(name: BackendName): boolean {
  const gpgpu = instances()[name]?.gpgpu;
  const waiting = gpgpu?.itemsToPoll;
  if (!gpgpu || !Array.isArray(waiting) || waiting.length === 0) return false;
  // The poll loop ends at its next turn, finding nothing left to poll.
  gpgpu.itemsToPoll = [];
  for (const item of waiting) item.resolveFn();
  return true;
}
