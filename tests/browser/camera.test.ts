import { afterEach, describe, expect, it } from 'vitest';
import { CameraSource, createStreamPool, type CameraState } from '@webcam-ml/core';
import { installFakeCamera, type FakeCamera } from '@webcam-ml/core/testing';

const SAMPLE = '/fixtures/pose/pose_1.mp4';

function until(source: CameraSource, ok: (s: CameraState) => boolean, timeoutMs = 20_000): Promise<CameraState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = source.getSnapshot();
      if (!ok(s)) return false;
      clearTimeout(timer);
      off();
      resolve(s);
      return true;
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; state: ${JSON.stringify({ ...source.getSnapshot(), video: undefined })}`));
    }, timeoutMs);
    const off = source.subscribe(check);
    check();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts the frame's distinct colours on a coarse grid: a blank frame has one. */
function distinctColours(bitmap: ImageBitmap): number {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  const seen = new Set<number>();
  for (let y = 0; y < bitmap.height; y += 16) {
    for (let x = 0; x < bitmap.width; x += 16) {
      const i = (y * bitmap.width + x) * 4;
      seen.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
    }
  }
  return seen.size;
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.reverse()) c();
  cleanup = [];
});

function mounted(source: CameraSource): CameraSource {
  cleanup.push(source.mount());
  return source;
}

describe('given Chromium fake camera playing the fixture', () => {
  it('becomes live on the first frame with the fixture size', async () => {
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    const s = await until(cam, (x) => x.status === 'live');
    expect([s.videoWidth, s.videoHeight]).toEqual([576, 576]);
    expect(s.video?.readyState).toBeGreaterThanOrEqual(2);
  });

  it('captures an ImageBitmap of the frame size with real pixels', async () => {
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    await until(cam, (x) => x.status === 'live');
    const bitmap = await cam.capture();
    expect([bitmap.width, bitmap.height]).toEqual([576, 576]);
    expect(distinctColours(bitmap)).toBeGreaterThan(20);
    bitmap.close();
  });

  it('captures a mirrored frame that is the unmirrored one flipped', async () => {
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    await until(cam, (x) => x.status === 'live');
    cam.pause();
    const [plain, flipped] = await Promise.all([cam.capture(), cam.capture({ mirrored: true })]);
    const read = (b: ImageBitmap) => {
      const c = new OffscreenCanvas(b.width, b.height).getContext('2d')!;
      c.drawImage(b, 0, 0);
      return c.getImageData(0, 0, b.width, b.height).data;
    };
    const a = read(plain);
    const b = read(flipped);
    const w = plain.width;
    let flippedDiff = 0;
    let sameDiff = 0;
    for (let y = 0; y < w; y += 7) {
      for (let x = 0; x < w; x += 7) {
        flippedDiff += Math.abs(a[(y * w + x) * 4] - b[(y * w + (w - 1 - x)) * 4]);
        sameDiff += Math.abs(a[(y * w + x) * 4] - b[(y * w + x) * 4]);
      }
    }
    expect(flippedDiff).toBeLessThan(sameDiff / 10);
  });

  it('captures a PNG Blob', async () => {
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    await until(cam, (x) => x.status === 'live');
    const blob = await cam.capture({ type: 'blob' });
    expect(blob.type).toBe('image/png');
    const bitmap = await createImageBitmap(blob);
    expect([bitmap.width, bitmap.height]).toEqual([576, 576]);
  });

  it('stops every track within 100 ms of the last consumer leaving', async () => {
    const pool = createStreamPool();
    const cam = new CameraSource({ pool });
    const unmount = cam.mount();
    const s = await until(cam, (x) => x.status === 'live');
    const tracks = s.stream!.getTracks();
    unmount();
    await sleep(100);
    expect(tracks.map((t) => t.readyState)).toEqual(tracks.map(() => 'ended'));
  });

  it('rejects impossible real constraints with overconstrained', async () => {
    const cam = mounted(
      new CameraSource({ pool: createStreamPool(), videoConstraints: { width: { exact: 99999 } } }),
    );
    const s = await until(cam, (x) => x.status === 'error');
    expect(s.error?.code).toBe('overconstrained');
    expect(s.error?.constraint).toBe('width');
  });
});

describe('given other sources instead of a camera', () => {
  it('plays a video URL and becomes live with its size', async () => {
    const cam = mounted(new CameraSource({ src: SAMPLE }));
    const s = await until(cam, (x) => x.status === 'live');
    expect([s.videoWidth, s.videoHeight]).toEqual([576, 576]);
    expect(s.video?.loop).toBe(true);
  });

  it('shows a canvas', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 200;
    const ctx = canvas.getContext('2d')!;
    const timer = setInterval(() => {
      ctx.fillStyle = `hsl(${Math.random() * 360} 50% 50%)`;
      ctx.fillRect(0, 0, 320, 200);
    }, 30);
    cleanup.push(() => clearInterval(timer));
    const cam = mounted(new CameraSource({ src: canvas }));
    const s = await until(cam, (x) => x.status === 'live');
    expect([s.videoWidth, s.videoHeight]).toEqual([320, 200]);
  });

  it('shows an image', async () => {
    const img = new Image();
    img.src = '/fixtures/pose/pose.jpg';
    await img.decode();
    const cam = mounted(new CameraSource({ src: img }));
    const s = await until(cam, (x) => x.status === 'live');
    expect([s.videoWidth, s.videoHeight]).toEqual([img.naturalWidth, img.naturalHeight]);
  });

  it('shows a playing video element', async () => {
    const video = document.createElement('video');
    video.muted = true;
    video.loop = true;
    video.src = SAMPLE;
    await video.play();
    cleanup.push(() => video.pause());
    const cam = mounted(new CameraSource({ src: video }));
    const s = await until(cam, (x) => x.status === 'live');
    expect(s.videoWidth).toBe(576);
  });

  it('reports a video URL that does not load as an error', async () => {
    const cam = mounted(new CameraSource({ src: '/fixtures/nope.mp4' }));
    const s = await until(cam, (x) => x.status === 'error');
    expect(s.error?.message).toMatch(/the video failed/);
  });
});

describe('given installFakeCamera', () => {
  let fake: FakeCamera;
  afterEach(() => fake.uninstall());

  it('plays the video file as the camera', async () => {
    fake = installFakeCamera({ videoUrl: SAMPLE });
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    const s = await until(cam, (x) => x.status === 'live');
    expect([s.videoWidth, s.videoHeight]).toEqual([576, 576]);
    expect(fake.getUserMediaCalls).toBe(1);
    expect(s.deviceId).toBe('fake-camera-1');
  });

  it('lists its devices with labels once granted', async () => {
    fake = installFakeCamera({ devices: [{ deviceId: 'a', label: 'Front' }, { deviceId: 'b', label: 'Back' }] });
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    const s = await until(cam, (x) => x.status === 'live' && x.devices[0]?.label === 'Front');
    expect(s.devices.map((d) => d.deviceId)).toEqual(['a', 'b']);
  });

  it('switches to the next camera', async () => {
    fake = installFakeCamera({ devices: [{ deviceId: 'a' }, { deviceId: 'b' }] });
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    await until(cam, (x) => x.status === 'live' && x.devices.length === 2);
    await cam.switchCamera();
    const s = await until(cam, (x) => x.status === 'live');
    expect(s.deviceId).toBe('b');
    await sleep(100);
    expect(fake.liveTracks).toBe(1);
  });

  it.each([
    ['permission-denied', 'permission-denied'],
    ['not-found', 'not-found'],
    ['in-use', 'in-use'],
    ['overconstrained', 'overconstrained'],
  ] as const)('simulates %s', async (failure, code) => {
    fake = installFakeCamera({ failure });
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    const s = await until(cam, (x) => x.status === 'error');
    expect(s.error?.code).toBe(code);
    expect(s.error?.cause).toBeInstanceOf(Error);
  });

  it('reports a device id that is gone as overconstrained', async () => {
    fake = installFakeCamera();
    const cam = mounted(new CameraSource({ pool: createStreamPool(), deviceId: 'unplugged' }));
    const s = await until(cam, (x) => x.status === 'error');
    expect(s.error?.code).toBe('overconstrained');
  });

  it('reports a track that ends as ended, and starts again', async () => {
    fake = installFakeCamera();
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    await until(cam, (x) => x.status === 'live');
    fake.endTracks();
    const s = await until(cam, (x) => x.status === 'error');
    expect(s.error?.code).toBe('ended');
    void cam.start();
    await until(cam, (x) => x.status === 'live');
    expect(fake.getUserMediaCalls).toBe(2);
    expect(fake.liveTracks).toBe(1);
  });

  it('keeps status requesting while permission is pending', async () => {
    fake = installFakeCamera({ failure: 'pending' });
    const cam = mounted(new CameraSource({ pool: createStreamPool() }));
    await sleep(300);
    expect(cam.getSnapshot().status).toBe('requesting');
  });
});
