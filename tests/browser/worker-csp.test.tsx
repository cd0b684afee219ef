import { StrictMode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { enforcePolicy, until } from './runtime.helpers';
import { PoseProbe, playingClip } from './worker.helpers';

// The policy: no 'unsafe-eval', and workers only from our own origin (no blob: workers).
const POLICY = "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'";

describe(`given a page under ${POLICY}`, () => {
  let violations: string[] = [];
  beforeAll(async () => {
    violations = await enforcePolicy(POLICY);
    // A blob: worker is refused under this policy (reported as a violation): the check would see one.
    const refused = new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
    await until(() => violations.length === 1, 2_000, 'the blob: worker violation');
    expect(violations[0]).toMatch(/^worker-src: blob/);
    refused.terminate();
  });

  it.each([
    ['the bundled worker', undefined],
    ['the self-hosted worker and its chunks (workerUrl)', '/models/webcam-ml-worker.js'],
  ])('starts %s and runs pose in it without a violation', async (_, workerUrl) => {
    violations.length = 0;
    const video = await playingClip();

    render(
      <StrictMode>
        <WebcamMLProvider executor="worker" backend="wasm" releaseDelayMs={100} workerUrl={workerUrl}>
          <PoseProbe video={video} onState={() => {}} />
        </WebcamMLProvider>
      </StrictMode>,
    );
    await screen.findByText('ready|worker|1', {}, { timeout: 60_000 });
    cleanup();
    video.remove();
    await new Promise((r) => setTimeout(r, 300));
    expect(violations).toEqual([]);
  });
});
