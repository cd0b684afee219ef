import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { backendManager } from '@webcam-ml/core/runtime';
import { Everything, exerciseEverything } from './privacy.widgets';
import { sleep, until } from './runtime.helpers';
// The page's own backend and scripts under the policy: on the main thread (worker-csp.test.tsx has the worker).
import { render } from './mainThread';

// docs/hosting.md's policy, tightened with default-src 'self' so that any other kind of request
// (an image, a media file, a connection elsewhere) would be a violation too. Set before the first
// TF.js backend or model is loaded, so every later script, wasm compile and fetch runs under it.
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
].join('; ');

describe(`given a page under a strict Content-Security-Policy (${POLICY}; no 'unsafe-eval')`, () => {
  it('runs pose, face and the trained classifier on the camera without a single violation', async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = POLICY;
    document.head.append(meta);
    // The policy is in force: eval is refused (and reported once, which is the check's own doing).
    expect(() => new Function('return 1')()).toThrow(EvalError);
    await until(() => violations.length === 1, 2_000, 'the eval violation');
    violations.length = 0;

    render(
      <StrictMode>
        <Everything />
      </StrictMode>,
    );
    await exerciseEverything();
    // The examples' thumbnails are shown as data: URLs (img-src data:).
    expect(document.querySelectorAll('img[src^="data:image/jpeg"]')).toHaveLength(3);
    await sleep(2_000);
    expect(backendManager.getSnapshot().backend).toBe('wasm');
    expect(screen.getByLabelText('statuses').textContent).toBe('live ready ready ready');
    cleanup();
    await sleep(300);
    expect(violations).toEqual([]);
  });
});
