/**
 * Starts the executor's module worker. The `new Worker(new URL(..., import.meta.url))` expression
 * is written out literally because that is the pattern Vite and webpack 5 recognise and bundle
 * (the library build rewrites it to the emitted, self-contained `executorWorker.js`).
 */
export function startWorker(workerUrl: string | null): Worker {
  if (workerUrl) return new Worker(workerUrl, { type: 'module', name: 'webcam-ml' });
  return new Worker(new URL('./executorWorker.ts', import.meta.url), { type: 'module', name: 'webcam-ml' });
}

/**
 * Whether this code runs inside a worker already (the executor's own worker among them). There
 * `'auto'` stays on the worker's thread: the executor worker's engines run on the realm's default
 * runtime, and a default that started a worker of its own would nest workers without end, each
 * waiting on the next for a backend (a provider-less widget stalled in 'loading').
 */
export function insideWorker(): boolean {
  return typeof document === 'undefined' && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';
}

/** Why this realm cannot run the worker executor, or null when it can. */
export function workerUnsupported(): string | null {
  const missing = [
    typeof Worker === 'undefined' && 'Worker',
    typeof OffscreenCanvas === 'undefined' && 'OffscreenCanvas',
    typeof createImageBitmap === 'undefined' && 'createImageBitmap',
  ].filter(Boolean);
  return missing.length ? `this browser has no ${missing.join(', ')}` : null;
}
