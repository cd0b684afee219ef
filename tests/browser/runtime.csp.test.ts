import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { backendManager, modelCache } from '@webcam-ml/core/runtime';
import { moveNetSpec } from './runtime.helpers';

describe("given the CSP docs/hosting.md recommends (script-src 'self' 'wasm-unsafe-eval', no 'unsafe-eval')", () => {
  it('selects wasm, loads MoveNet and runs it without a violation', async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self'";
    document.head.append(meta);
    // The policy is enforced from now on: eval is blocked.
    expect(() => new Function('return 1')()).toThrow(EvalError);
    await new Promise((r) => setTimeout(r, 50));
    expect(violations).toEqual(['script-src: eval']);
    violations.length = 0;
    expect(await backendManager.acquire()).toBe('wasm');
    const lease = modelCache.acquire(moveNetSpec());
    const model = await lease.ready();
    const out = tf.tidy(() => model.execute(tf.zeros([1, 192, 192, 3], 'int32')) as tf.Tensor);
    expect((await out.data()).length).toBe(17 * 3);
    out.dispose();
    lease.release();
    backendManager.release();
    expect(violations).toEqual([]);
  });
});
