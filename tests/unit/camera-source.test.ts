import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CameraSource, createStreamPool, type CameraSourceOptions } from '@webcam-ml/core';
import { flush, installJsdomCamera, showFrame } from './camera.fakes';

let cam: ReturnType<typeof installJsdomCamera>;
const cleanups: (() => void)[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  cam = installJsdomCamera([
    { deviceId: 'cam-1', label: 'Front' },
    { deviceId: 'cam-2', label: 'Back' },
  ]);
});
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
  cam.uninstall();
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  Object.defineProperty(document, 'hidden', { value: false, configurable: true });
});

/** A source on its own pool, mounted, with a video element attached. */
function setup(options: CameraSourceOptions = {}) {
  const source = new CameraSource({ pool: createStreamPool(), ...options });
  const video = document.createElement('video');
  source.attach(video);
  cleanups.push(source.mount());
  return { source, video };
}

async function goLive(options: CameraSourceOptions = {}) {
  const s = setup(options);
  const stream = cam.grant();
  await flush();
  showFrame(s.video);
  return { ...s, stream };
}

describe('given a camera that has not answered yet', () => {
  it('is requesting after mount', () => {
    const { source } = setup();
    expect(source.getSnapshot().status).toBe('requesting');
  });

  it('asks for video only, with ideal size and frame rate', () => {
    setup({ width: 1280, height: 720, frameRate: 30, facingMode: 'user' });
    expect(cam.calls[0].constraints).toEqual({
      audio: false,
      video: {
        deviceId: undefined,
        facingMode: { ideal: 'user' },
        width: { ideal: 1280 },
        height: { ideal: 720 },
        frameRate: { ideal: 30 },
      },
    });
  });

  it('asks for a chosen device exactly', () => {
    setup({ deviceId: 'cam-2' });
    expect((cam.calls[0].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
  });
});

describe('given the camera granted a stream', () => {
  it('stays requesting until the first frame', async () => {
    const { source } = setup();
    cam.grant();
    await flush();
    expect(source.getSnapshot().status).toBe('requesting');
  });

  it('shows the stream in the attached video', async () => {
    const { video } = setup();
    const stream = cam.grant();
    await flush();
    expect(video.srcObject).toBe(stream);
    expect(video.muted).toBe(true);
  });

  it('is not live on a frame of zero size', async () => {
    const { source, video } = setup();
    cam.grant();
    await flush();
    showFrame(video, 0, 0);
    expect(source.getSnapshot().status).toBe('requesting');
  });

  it('is not live before readyState 2', async () => {
    const { source, video } = setup();
    cam.grant();
    await flush();
    showFrame(video, 640, 480, 1);
    expect(source.getSnapshot().status).toBe('requesting');
  });

  it('is live on the first real frame, with its size', async () => {
    const { source } = await goLive();
    expect(source.getSnapshot()).toMatchObject({ status: 'live', videoWidth: 640, videoHeight: 480, error: null });
  });

  it('exposes the stream and the device in use', async () => {
    const { source, stream } = await goLive();
    expect(source.getSnapshot().stream).toBe(stream);
    expect(source.getSnapshot().deviceId).toBe('cam-1');
  });

  it('lists the video inputs', async () => {
    const { source } = await goLive();
    await flush();
    expect(source.getSnapshot().devices.map((d) => d.label)).toEqual(['Front', 'Back']);
  });
});

describe('given autoStart false', () => {
  it('stays idle without asking', () => {
    const { source } = setup({ autoStart: false });
    expect(source.getSnapshot().status).toBe('idle');
    expect(cam.md.getUserMedia).not.toHaveBeenCalled();
  });

  it('asks on start()', () => {
    const { source } = setup({ autoStart: false });
    void source.start();
    expect(source.getSnapshot().status).toBe('requesting');
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });
});

describe('given a camera that is denied', () => {
  it('has status error with code permission-denied', async () => {
    const { source } = setup();
    cam.deny('NotAllowedError');
    await flush();
    expect(source.getSnapshot()).toMatchObject({ status: 'error', stream: null });
    expect(source.getSnapshot().error?.code).toBe('permission-denied');
  });

  it('asks again on start()', async () => {
    const { source } = setup();
    cam.deny('NotAllowedError');
    await flush();
    void source.start();
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(2);
    expect(source.getSnapshot()).toMatchObject({ status: 'requesting', error: null });
  });
});

describe('given a mount, unmount and mount again (StrictMode)', () => {
  it('calls getUserMedia once and goes live', async () => {
    const source = new CameraSource({ pool: createStreamPool() });
    const video = document.createElement('video');
    source.attach(video);
    source.mount()();
    cleanups.push(source.mount());
    cam.grant();
    await flush();
    showFrame(video);
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
    expect(source.getSnapshot().status).toBe('live');
  });
});

describe('given the consumer left before the stream arrived', () => {
  it('stops the late stream at once', async () => {
    const source = new CameraSource({ pool: createStreamPool() });
    source.mount()();
    await sleep(60);
    const stream = cam.grant();
    await flush();
    expect(stream.tracks[0].readyState).toBe('ended');
  });

  it('stays idle and shows nothing', async () => {
    const source = new CameraSource({ pool: createStreamPool() });
    source.mount()();
    cam.grant();
    await flush();
    expect(source.getSnapshot()).toMatchObject({ status: 'idle', stream: null, error: null });
  });
});

describe('given a live camera', () => {
  it('stop() releases it: tracks end within 100 ms', async () => {
    const { source, stream } = await goLive();
    source.stop();
    expect(source.getSnapshot()).toMatchObject({ status: 'stopped', stream: null });
    await sleep(100);
    expect(stream.tracks[0].readyState).toBe('ended');
  });

  it('stop() detaches the stream from the video', async () => {
    const { source, video } = await goLive();
    source.stop();
    expect(video.srcObject).toBeNull();
  });

  it('unmount releases it: tracks end within 100 ms', async () => {
    const { stream } = await goLive();
    cleanups.pop()!();
    await sleep(100);
    expect(stream.tracks[0].readyState).toBe('ended');
  });

  it('pause() pauses the video and keeps the stream', async () => {
    const { source, stream } = await goLive();
    cam.pause.mockClear();
    source.pause();
    expect(source.getSnapshot()).toMatchObject({ status: 'paused', stream });
    expect(cam.pause).toHaveBeenCalledTimes(1);
  });

  it('resume() plays again', async () => {
    const { source } = await goLive();
    source.pause();
    cam.play.mockClear();
    await source.resume();
    expect(source.getSnapshot().status).toBe('live');
    expect(cam.play).toHaveBeenCalledTimes(1);
  });

  it('start() after pause() resumes without asking the camera again', async () => {
    const { source } = await goLive();
    source.pause();
    await source.start();
    expect(source.getSnapshot().status).toBe('live');
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('a track that ends gives code ended', async () => {
    const { source, stream } = await goLive();
    stream.tracks[0].unplug();
    expect(source.getSnapshot().status).toBe('error');
    expect(source.getSnapshot().error?.code).toBe('ended');
  });

  it('a track stopped by other code (no ended event) gives code ended within 1 s', async () => {
    const { source, stream } = await goLive();
    stream.tracks[0].stop();
    await sleep(300);
    expect(source.getSnapshot()).toMatchObject({ status: 'error', stream: null });
    expect(source.getSnapshot().error?.code).toBe('ended');
  });

  it('a track stopped by other code while paused gives code ended too', async () => {
    const { source, stream } = await goLive();
    source.pause();
    stream.tracks[0].stop();
    await sleep(300);
    expect(source.getSnapshot().error?.code).toBe('ended');
  });

  it('after a track was stopped by other code, start() opens a new stream', async () => {
    const { source, stream } = await goLive();
    stream.tracks[0].stop();
    await sleep(300);
    void source.start();
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(2);
  });

  it('after a track ended, start() opens a new stream', async () => {
    const { source, stream, video } = await goLive();
    stream.tracks[0].unplug();
    void source.start();
    const next = cam.grant();
    await flush();
    showFrame(video);
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(2);
    expect(source.getSnapshot()).toMatchObject({ status: 'live', stream: next });
  });

  it('capture() without a frame rejects with a CameraError', async () => {
    const { source } = setup();
    await expect(source.capture()).rejects.toMatchObject({ name: 'CameraError' });
  });
});

describe('given new options', () => {
  it('a new deviceId restarts the camera with it', async () => {
    const { source, stream } = await goLive();
    source.setOptions({ ...source.getOptions(), deviceId: 'cam-2' });
    expect(source.getSnapshot().status).toBe('requesting');
    expect((cam.calls[1].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
    await sleep(100);
    expect(stream.tracks[0].readyState).toBe('ended');
  });

  it('equal options (a new but equal videoConstraints object) do not restart', async () => {
    const { source } = await goLive({ videoConstraints: { width: { min: 100 } } });
    source.setOptions({ ...source.getOptions(), videoConstraints: { width: { min: 100 } } });
    expect(source.getSnapshot().status).toBe('live');
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('turning autoStart on starts an idle camera', () => {
    const { source } = setup({ autoStart: false });
    source.setOptions({ ...source.getOptions(), autoStart: true });
    expect(source.getSnapshot().status).toBe('requesting');
  });
});

describe('given a camera in error', () => {
  async function failed(options: CameraSourceOptions = {}) {
    const s = setup(options);
    cam.deny('OverconstrainedError');
    await flush();
    expect(s.source.getSnapshot().status).toBe('error');
    return s;
  }

  it('a new deviceId option restarts it with that device (no Try again needed)', async () => {
    const { source } = await failed({ deviceId: 'gone' });
    source.setOptions({ ...source.getOptions(), deviceId: 'cam-2' });
    expect(source.getSnapshot()).toMatchObject({ status: 'requesting', error: null });
    expect((cam.calls[1].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
  });

  it('switchCamera (the picker) restarts it with the chosen device', async () => {
    const { source } = await failed();
    await flush();
    void source.switchCamera('cam-2');
    expect(source.getSnapshot().status).toBe('requesting');
    expect((cam.calls[1].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
  });

  it('options that ask for the same stream leave it alone', async () => {
    const { source } = await failed();
    source.setOptions({ ...source.getOptions(), pauseWhenHidden: true });
    expect(source.getSnapshot().status).toBe('error');
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });
});

describe('given a camera chosen with switchCamera that is then unplugged', () => {
  it('Try again falls back to the options instead of asking for the gone device forever', async () => {
    const { source } = await goLive();
    void source.switchCamera('cam-2');
    const second = cam.grant();
    await flush();
    await sleep(100); // the first camera's stream is released, so Try again must ask anew
    cam.setDevices([{ deviceId: 'cam-1', label: 'Front' }]);
    second.tracks[0].unplug();
    await flush();
    expect(source.getSnapshot().error?.code).toBe('ended');
    void source.start();
    expect((cam.calls[2].constraints.video as MediaTrackConstraints).deviceId).toBeUndefined();
  });

  it('keeps the choice while the device is still listed', async () => {
    const { source } = await goLive();
    void source.switchCamera('cam-2');
    const second = cam.grant();
    await flush();
    cam.md.dispatchEvent(new Event('devicechange'));
    second.tracks[0].unplug();
    await flush();
    void source.start();
    expect((cam.calls[2].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
  });
});

describe('given switchCamera', () => {
  it('with a deviceId opens that device', async () => {
    const { source } = await goLive();
    void source.switchCamera('cam-2');
    expect((cam.calls[1].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
  });

  it('with no argument opens the next device in the list', async () => {
    const { source } = await goLive();
    await flush();
    void source.switchCamera();
    expect((cam.calls[1].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
  });

  it('with a facing mode asks for it instead of a device', async () => {
    const { source } = await goLive({ deviceId: 'cam-1' });
    void source.switchCamera('environment');
    const video = cam.calls[1].constraints.video as MediaTrackConstraints;
    expect([video.deviceId, video.facingMode]).toEqual([undefined, { ideal: 'environment' }]);
  });

  it('survives the same options being pushed again', async () => {
    const { source } = await goLive();
    void source.switchCamera('cam-2');
    source.setOptions({ ...source.getOptions() });
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(2);
  });
});

describe('given a devicechange', () => {
  it('refreshes the device list', async () => {
    const { source } = setup();
    await flush();
    cam.setDevices([{ deviceId: 'cam-9', label: 'USB' }]);
    await flush();
    expect(source.getSnapshot().devices.map((d) => d.deviceId)).toEqual(['cam-9']);
  });

  it('keeps the same array when nothing changed', async () => {
    const { source } = setup();
    await flush();
    const before = source.getSnapshot().devices;
    cam.md.dispatchEvent(new Event('devicechange'));
    await flush();
    expect(source.getSnapshot().devices).toBe(before);
  });
});

describe('given pauseWhenHidden', () => {
  const setHidden = (hidden: boolean) => {
    Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  };

  it('pauses when the page is hidden', async () => {
    const { source } = await goLive({ pauseWhenHidden: true });
    setHidden(true);
    expect(source.getSnapshot().status).toBe('paused');
  });

  it('resumes when it is shown again', async () => {
    const { source } = await goLive({ pauseWhenHidden: true });
    setHidden(true);
    setHidden(false);
    expect(source.getSnapshot().status).toBe('live');
  });

  it('does not resume a camera the user paused', async () => {
    const { source } = await goLive({ pauseWhenHidden: true });
    source.pause();
    setHidden(true);
    setHidden(false);
    expect(source.getSnapshot().status).toBe('paused');
  });

  it('is off by default', async () => {
    const { source } = await goLive();
    setHidden(true);
    expect(source.getSnapshot().status).toBe('live');
  });
});

describe('given no attached element', () => {
  it('plays into an internal video and exposes it', async () => {
    const source = new CameraSource({ pool: createStreamPool() });
    cleanups.push(source.mount());
    const stream = cam.grant();
    await flush();
    const video = source.getSnapshot().video;
    expect(video).toBeInstanceOf(HTMLVideoElement);
    expect(video?.srcObject).toBe(stream);
  });

  it('moves the stream to an element attached later', async () => {
    const source = new CameraSource({ pool: createStreamPool() });
    cleanups.push(source.mount());
    const stream = cam.grant();
    await flush();
    const internal = source.getSnapshot().video!;
    const el = document.createElement('video');
    source.attach(el);
    expect([el.srcObject, internal.srcObject, source.getSnapshot().video]).toEqual([stream, null, el]);
  });

  it('a ref detached and re-attached at once keeps the same element', async () => {
    const { source, video } = await goLive();
    source.attach(null);
    source.attach(video);
    await flush();
    expect(source.getSnapshot().video).toBe(video);
    expect(source.getSnapshot().status).toBe('live');
  });
});

describe('given a video URL as source', () => {
  it('plays it looped and muted, without asking for the camera', () => {
    const { video } = setup({ src: '/clip.mp4' });
    return flush().then(() => {
      expect([video.getAttribute('src'), video.loop, video.muted]).toEqual(['/clip.mp4', true, true]);
      expect(cam.md.getUserMedia).not.toHaveBeenCalled();
    });
  });

  it('is live on its first frame', async () => {
    const { source, video } = setup({ src: '/clip.mp4' });
    await flush();
    showFrame(video, 576, 576);
    expect(source.getSnapshot()).toMatchObject({ status: 'live', videoWidth: 576, stream: null });
  });

  it('switching src restarts with the new one', async () => {
    const { source, video } = setup({ src: '/a.mp4' });
    await flush();
    source.setOptions({ ...source.getOptions(), src: '/b.mp4' });
    await flush();
    expect(video.getAttribute('src')).toBe('/b.mp4');
  });
});

describe('given a browser without a camera API', () => {
  it('reports unsupported', async () => {
    delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    const source = new CameraSource();
    cleanups.push(source.mount());
    await flush();
    expect(source.getSnapshot().error?.code).toBe('unsupported');
  });

  it('reports insecure-context on an http page', async () => {
    delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    vi.stubGlobal('isSecureContext', false);
    const source = new CameraSource();
    cleanups.push(source.mount());
    cleanups.push(() => vi.unstubAllGlobals());
    await flush();
    expect(source.getSnapshot().error?.code).toBe('insecure-context');
  });
});

describe('given an image as source whose canvas cannot be captured', () => {
  /** jsdom has no canvas: a 2D context that only counts paints, and the interval timers faked. */
  function imageSource() {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const getContext = vi
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockReturnValue({ drawImage: vi.fn() } as never);
    cleanups.push(() => {
      getContext.mockRestore();
      vi.useRealTimers();
    });
    const img = document.createElement('img');
    Object.defineProperty(img, 'complete', { value: true });
    return img;
  }

  it('without captureStream: reports unsupported and leaves no repaint timer', async () => {
    const { source } = setup({ src: imageSource() });
    await flush();
    expect(source.getSnapshot().error?.code).toBe('unsupported');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with a captureStream that throws (a cross-origin image taints the canvas): leaves no repaint timer', async () => {
    const img = imageSource();
    const tainted = () => {
      throw new DOMException('The canvas has been tainted by cross-origin data.', 'SecurityError');
    };
    Object.defineProperty(HTMLCanvasElement.prototype, 'captureStream', { value: tainted, configurable: true });
    cleanups.push(() => delete (HTMLCanvasElement.prototype as { captureStream?: unknown }).captureStream);
    const { source } = setup({ src: img });
    await flush();
    expect(source.getSnapshot().status).toBe('error');
    expect(vi.getTimerCount()).toBe(0);
  });
});
