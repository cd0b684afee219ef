import '@testing-library/jest-dom/vitest';
import { StrictMode, useEffect, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useWebcam, Webcam, type UseWebcamResult } from '@webcam-ml/react/webcam';
import { installFakeCamera, type FakeCamera } from '@webcam-ml/core/testing';

const SAMPLE = '/fixtures/pose/pose_1.mp4';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;

/** Records every stream the real getUserMedia (Chromium's fake device) hands out. */
function spyOnGetUserMedia() {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia;
  const streams: MediaStream[] = [];
  let calls = 0;
  md.getUserMedia = async (c) => {
    calls++;
    const s = await original.call(md, c);
    streams.push(s);
    return s;
  };
  return {
    get calls() {
      return calls;
    },
    streams,
    liveTracks: () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
    restore: () => {
      md.getUserMedia = original;
    },
  };
}

const undo: (() => void)[] = [];
afterEach(async () => {
  cleanup();
  await sleep(120);
  for (const u of undo.splice(0).reverse()) u();
});

function statusOf(): string | undefined {
  return screen.getByRole('group', { name: 'Camera' }).dataset.status;
}

describe('given Chromium fake camera and <Webcam> under StrictMode', () => {
  it('a frame arrives and status is live', async () => {
    render(<Webcam style={{ width: 320, height: 240 }} />, { wrapper: strict });
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    const video = document.querySelector('video')!;
    expect(video.readyState).toBeGreaterThanOrEqual(2);
    expect([video.videoWidth, video.videoHeight]).toEqual([576, 576]);
    expect(screen.getByRole('status')).toHaveTextContent('Camera is on');
  });

  it('makes one getUserMedia call and leaves zero live tracks 100 ms after unmount', async () => {
    const spy = spyOnGetUserMedia();
    undo.push(spy.restore);
    const { unmount } = render(<Webcam />, { wrapper: strict });
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    expect(spy.calls).toBe(1);
    expect(spy.liveTracks()).toBe(1);
    unmount();
    await sleep(100);
    expect(spy.liveTracks()).toBe(0);
  });

  it('two webcams on the page share one stream', async () => {
    const spy = spyOnGetUserMedia();
    undo.push(spy.restore);
    render(
      <>
        <Webcam label="A" />
        <Webcam label="B" mirrored />
      </>,
      { wrapper: strict },
    );
    await waitFor(
      () => expect(screen.getAllByRole('group').map((g) => g.dataset.status)).toEqual(['live', 'live']),
      { timeout: 20_000 },
    );
    expect(spy.calls).toBe(1);
  });

  it('impossible real constraints give overconstrained', async () => {
    render(<Webcam videoConstraints={{ width: { exact: 99999 } }} />, { wrapper: strict });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent("The camera can't provide these settings"), {
      timeout: 20_000,
    });
  });
});

describe('given useWebcam with the Chromium fake camera', () => {
  function Capture({ onReady }: { onReady: (cam: UseWebcamResult) => void }) {
    const cam = useWebcam();
    useEffect(() => {
      if (cam.status === 'live') onReady(cam);
    }, [cam, onReady]);
    return <video {...cam.videoProps} />;
  }

  async function liveCamera(): Promise<UseWebcamResult> {
    let resolve!: (c: UseWebcamResult) => void;
    const ready = new Promise<UseWebcamResult>((r) => (resolve = r));
    render(<Capture onReady={resolve} />, { wrapper: strict });
    return ready;
  }

  it('capture() returns an ImageBitmap of the frame size', async () => {
    const cam = await liveCamera();
    const bitmap = await cam.capture();
    expect([bitmap.width, bitmap.height]).toEqual([576, 576]);
  });

  it('capture() returns real pixels, not a blank frame', async () => {
    const cam = await liveCamera();
    const bitmap = await cam.capture();
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    let min = 255;
    let max = 0;
    for (let i = 0; i < data.length; i += 4 * 97) {
      min = Math.min(min, data[i + 1]);
      max = Math.max(max, data[i + 1]);
    }
    expect(max - min).toBeGreaterThan(60);
  });
});

describe('given installFakeCamera', () => {
  let fake: FakeCamera;
  function install(options: Parameters<typeof installFakeCamera>[0]) {
    fake = installFakeCamera({ videoUrl: SAMPLE, ...options });
    undo.push(() => fake.uninstall());
  }

  it.each([
    ['permission-denied', 'Camera access is blocked'],
    ['not-found', 'No camera found'],
    ['in-use', 'The camera is in use'],
    ['overconstrained', "The camera can't provide these settings"],
  ] as const)('%s shows "%s"', async (failure, text) => {
    install({ failure });
    render(<Webcam />, { wrapper: strict });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(text), { timeout: 10_000 });
    expect(fake.getUserMediaCalls).toBe(1);
  });

  it('plays the video file and becomes live with one call', async () => {
    install({});
    render(<Webcam />, { wrapper: strict });
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    expect([fake.getUserMediaCalls, fake.liveTracks]).toEqual([1, 1]);
  });

  it('a track that ends shows "disconnected", and Try again restarts it', async () => {
    install({});
    render(<Webcam />, { wrapper: strict });
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    act(() => fake.endTracks());
    expect(screen.getByRole('alert')).toHaveTextContent('The camera was disconnected');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    expect([fake.getUserMediaCalls, fake.liveTracks]).toEqual([2, 1]);
  });

  it('a pending permission shows the waiting message after a moment', async () => {
    install({ failure: 'pending' });
    render(<Webcam />, { wrapper: strict });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(/Waiting for the camera/);
    await waitFor(() => expect(getComputedStyle(status).opacity).toBe('1'));
  });

  it('unmount leaves no live fake track after 100 ms', async () => {
    install({});
    const { unmount } = render(<Webcam />, { wrapper: strict });
    await waitFor(() => expect(statusOf()).toBe('live'), { timeout: 20_000 });
    unmount();
    await sleep(100);
    expect(fake.liveTracks).toBe(0);
  });
});
