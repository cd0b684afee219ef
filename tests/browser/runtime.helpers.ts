import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { ModelSpec } from '@webcam-ml/core/runtime';

/** MoveNet Lightning as a cache spec, with the warm-up inference a real engine runs. */
export function moveNetSpec(path = 'pose/movenet-lightning.json', key = `test:${path}`): ModelSpec<GraphModel> & { loads: number } {
  const spec = {
    key,
    loads: 0,
    load: async (ctx: Parameters<ModelSpec<GraphModel>['load']>[0]) => {
      spec.loads++;
      const model = await loadGraphModel(ctx.resolveUrl(path), { fetchFunc: ctx.fetch });
      const out = tf.tidy(() => model.execute(tf.zeros([1, 192, 192, 3], 'int32')) as tf.Tensor);
      await out.data();
      out.dispose();
      return model;
    },
    dispose: (model: GraphModel) => model.dispose(),
  };
  return spec;
}

/** Counts the requests the page makes (every runtime download goes through global fetch). */
export function countRequests(): { counts: () => Map<string, number>; restore: () => void } {
  const original = globalThis.fetch;
  const counts = new Map<string, number>();
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
    counts.set(url, (counts.get(url) ?? 0) + 1);
    return original(input, init);
  };
  return { counts: () => counts, restore: () => void (globalThis.fetch = original) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Put `policy` in force on this page (a CSP meta tag) and prove it (eval refused and reported);
 * resolves with the list every later violation is pushed to, empty.
 */
export async function enforcePolicy(policy: string): Promise<string[]> {
  const violations: string[] = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  document.head.append(meta);
  // The policy is in force: eval is refused (and reported once, which is the check's own doing).
  let refused = false;
  try {
    new Function('return 1')();
  } catch (error) {
    refused = error instanceof EvalError;
  }
  if (!refused) throw new Error('the Content-Security-Policy is not in force: eval ran');
  await until(() => violations.length === 1, 2_000, 'the eval violation');
  violations.length = 0;
  return violations;
}

/** What `recordEngine` needs of an engine: its state and its results. */
interface RecordedEngine {
  subscribe: (listener: () => void) => () => void;
  subscribeResults: (listener: () => void) => () => void;
  getSnapshot: () => { status: string };
}

/** Counts an engine's results and records each status it passes through, in order, until `stop()`. */
export function recordEngine(engine: RecordedEngine): { results: () => number; statuses: string[]; stop: () => void } {
  let results = 0;
  const statuses: string[] = [];
  const stops = [
    engine.subscribeResults(() => results++),
    engine.subscribe(() => {
      const s = engine.getSnapshot().status;
      if (statuses.at(-1) !== s) statuses.push(s);
    }),
  ];
  return { results: () => results, statuses, stop: () => stops.forEach((stop) => stop()) };
}
