import '@testing-library/jest-dom/vitest';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Webcam } from '@webcam-ml/react/webcam';
import { installFakeCamera, type FakeCamera } from '@webcam-ml/core/testing';
import { sleep } from './runtime.helpers';

const SAMPLE = '/fixtures/pose/pose_1.mp4';
const undo: (() => void)[] = [];

afterEach(async () => {
  cleanup();
  await sleep(120);
  for (const u of undo.splice(0).reverse()) u();
});

const statusOf = () => screen.getByRole('group', { name: 'Camera' }).dataset.status;

describe('given a camera that is denied, then allowed from the address bar', () => {
  let fake: FakeCamera;

  it('Try again asks once more and goes live, with one live track', async () => {
    fake = installFakeCamera({ videoUrl: SAMPLE, failure: 'permission-denied' });
    undo.push(() => fake.uninstall());
    render(
      <StrictMode>
        <Webcam />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Camera access is blocked'), { timeout: 10_000 });
    expect(fake.getUserMediaCalls).toBe(1);

    fake.setFailure(null); // the person allowed the camera
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    expect(screen.queryByRole('alert')).toBeNull();
    expect([fake.getUserMediaCalls, fake.liveTracks]).toEqual([2, 1]);
  });

  it('a second refusal shows the same advice again and leaves no track open', async () => {
    fake = installFakeCamera({ videoUrl: SAMPLE, failure: 'permission-denied' });
    undo.push(() => fake.uninstall());
    render(
      <StrictMode>
        <Webcam />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Camera access is blocked'), { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(fake.getUserMediaCalls).toBe(2));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/address bar/));
    expect(fake.liveTracks).toBe(0);
  });
});

describe('given an insecure page (http, where the browser hides navigator.mediaDevices)', () => {
  /** Shadow a property with `value`; the undo puts back the own property (or none) there was. */
  function shadow(target: object, key: string, value: unknown) {
    const own = Object.getOwnPropertyDescriptor(target, key);
    Object.defineProperty(target, key, { value, configurable: true });
    undo.push(() => {
      if (own) Object.defineProperty(target, key, own);
      else delete (target as Record<string, unknown>)[key];
    });
  }

  function insecure() {
    shadow(window, 'isSecureContext', false);
    shadow(navigator, 'mediaDevices', undefined);
  }

  it('reports insecure-context and tells the person to use https, with no retry button', async () => {
    insecure();
    expect(window.isSecureContext).toBe(false);
    render(
      <StrictMode>
        <Webcam />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The camera needs a secure page'));
    expect(screen.getByRole('alert')).toHaveTextContent('Open this page over https.');
    expect(statusOf()).toBe('error');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('the same page served securely again works (the check reads the page at start, not at import)', async () => {
    insecure();
    const view = render(
      <StrictMode>
        <Webcam />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('secure page'));
    view.unmount();
    for (const u of undo.splice(0).reverse()) u();
    expect(window.isSecureContext).toBe(true);
    render(
      <StrictMode>
        <Webcam />
      </StrictMode>,
    );
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
  });
});
