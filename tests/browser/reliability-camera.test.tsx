import '@testing-library/jest-dom/vitest';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Webcam } from '@webcam-ml/react/webcam';
import { installFakeCamera, type FakeCamera } from '@webcam-ml/core/testing';
import { trackStreams } from './reliability.helpers';
import { sleep } from './runtime.helpers';

const SAMPLE = '/fixtures/pose/pose_1.mp4';
const undo: (() => void)[] = [];

afterEach(async () => {
  cleanup();
  await sleep(120);
  for (const u of undo.splice(0).reverse()) u();
});

const statusOf = (name = 'Camera') => screen.getByRole('group', { name }).dataset.status;
/** The stream a `<Webcam>` shows, as other code on the page would reach it. */
const streamOf = (name = 'Camera') =>
  screen.getByRole('group', { name }).querySelector('video')!.srcObject as MediaStream;

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

describe('given a live camera whose track other code stops (per spec no ended event fires)', () => {
  it('shows "The camera was disconnected" with Try again within 1 s, and Try again goes live', async () => {
    const fake = installFakeCamera({ videoUrl: SAMPLE });
    undo.push(() => fake.uninstall());
    const view = render(
      <StrictMode>
        <Webcam />
      </StrictMode>,
    );
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    streamOf().getVideoTracks()[0].stop();

    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The camera was disconnected'), { timeout: 1000 });
    expect(statusOf()).toBe('error');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    expect([fake.getUserMediaCalls, fake.liveTracks]).toEqual([2, 1]);
    expect(streamOf().getVideoTracks()[0].readyState).toBe('live');

    view.unmount();
    await sleep(120);
    expect(fake.liveTracks).toBe(0);
  });

  it('a webcam mounted right after (Chromium camera) asks getUserMedia again instead of sharing the dead stream', async () => {
    const gum = trackStreams();
    undo.push(gum.restore);
    const view = render(
      <StrictMode>
        <Webcam label="A" />
      </StrictMode>,
    );
    await waitFor(() => expect(statusOf('A')).toBe('live'), { timeout: 20_000 });
    streamOf('A').getVideoTracks()[0].stop();
    view.rerender(
      <StrictMode>
        <Webcam label="A" />
        <Webcam label="B" />
      </StrictMode>,
    );

    await waitFor(() => expect(statusOf('B')).toBe('live'), { timeout: 20_000 });
    expect(gum.calls).toBe(2);
    expect(streamOf('B').getVideoTracks()[0].readyState).toBe('live');
    await waitFor(() => expect(statusOf('A')).toBe('error'), { timeout: 1000 });

    view.unmount();
    await sleep(120);
    expect(gum.liveTracks()).toBe(0);
  });
});

describe('given a camera in error whose options then change (an app-side camera picker)', () => {
  it('a deviceId that exists again goes live without Try again', async () => {
    const fake = installFakeCamera({ videoUrl: SAMPLE });
    undo.push(() => fake.uninstall());
    const view = render(
      <StrictMode>
        <Webcam deviceId="unplugged" />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent("The camera can't provide these settings"), {
      timeout: 10_000,
    });
    view.rerender(
      <StrictMode>
        <Webcam deviceId="fake-camera-1" />
      </StrictMode>,
    );
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    expect([fake.getUserMediaCalls, fake.liveTracks]).toEqual([2, 1]);

    view.unmount();
    await sleep(120);
    expect(fake.liveTracks).toBe(0);
  });
});
