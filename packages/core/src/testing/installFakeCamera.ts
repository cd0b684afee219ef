/** A fault the fake camera can simulate, named by the `CameraError` code it produces. */
export type FakeCameraFailure =
  | 'permission-denied'
  | 'not-found'
  | 'in-use'
  | 'overconstrained'
  /** `getUserMedia` never settles, like a permission prompt nobody answers. */
  | 'pending';

/** A fake video input listed by `enumerateDevices`. */
export interface FakeCameraDevice {
  deviceId: string;
  /** @default `Fake camera N` */
  label?: string;
  /** @default 'fake-group' */
  groupId?: string;
}

export interface FakeCameraOptions {
  /**
   * Video URL played (looped, muted) as the camera picture, through `captureStream`. Without it
   * the fake camera shows a generated moving test pattern.
   * @default undefined (a test pattern)
   */
  videoUrl?: string;
  /** Size of the generated test pattern. @default 640 */
  width?: number;
  /** @default 480 */
  height?: number;
  /** Listed video inputs. @default [{ deviceId: 'fake-camera-1', label: 'Fake camera 1' }] */
  devices?: FakeCameraDevice[];
  /** Start with this fault. @default null (works) */
  failure?: FakeCameraFailure | null;
  /** Delay before `getUserMedia` settles, like a permission prompt. @default 0 */
  latencyMs?: number;
  /**
   * Hide device labels until a `getUserMedia` succeeded, as browsers do before permission.
   * @default true
   */
  hideLabelsUntilGranted?: boolean;
}

export interface FakeCamera {
  /** How many times `getUserMedia` was called since install. */
  readonly getUserMediaCalls: number;
  /** Video tracks handed out that are still live (neither stopped nor ended). */
  readonly liveTracks: number;
  /** Every video track handed out, in order. */
  readonly tracks: readonly MediaStreamTrack[];
  /** The constraints of the last `getUserMedia` call. */
  readonly lastConstraints: MediaStreamConstraints | null;
  /** Simulate a fault from the next `getUserMedia` call on (null: work again). */
  setFailure(failure: FakeCameraFailure | null): void;
  /** Replace the listed devices and fire `devicechange`. */
  setDevices(devices: FakeCameraDevice[]): void;
  /** Simulate unplugging: every live track stops and fires `ended`. */
  endTracks(): void;
  /** Restore the browser's own `getUserMedia` and `enumerateDevices`, stopping every fake track. */
  uninstall(): void;
}

const DOMEXCEPTION_NAMES: Record<Exclude<FakeCameraFailure, 'pending' | 'overconstrained'>, [string, string]> = {
  'permission-denied': ['NotAllowedError', 'Permission denied'],
  'not-found': ['NotFoundError', 'Requested device not found'],
  'in-use': ['NotReadableError', 'Could not start video source'],
};

function overconstrained(constraint: string): Error {
  const message = `Constraint ${constraint} cannot be satisfied by the fake camera`;
  const Ctor = (globalThis as { OverconstrainedError?: new (c: string, m?: string) => Error }).OverconstrainedError;
  if (Ctor) return new Ctor(constraint, message);
  return Object.assign(new DOMException(message, 'OverconstrainedError'), { constraint });
}

/** The name of the first numeric constraint (`exact`, `min`, `max`) a size or rate cannot meet. */
function unmet(c: MediaTrackConstraints, actual: { width: number; height: number; frameRate: number }): string | null {
  for (const key of ['width', 'height', 'frameRate'] as const) {
    const v = c[key];
    if (v === undefined || typeof v === 'number') continue;
    const have = actual[key];
    if (v.exact !== undefined && v.exact !== have) return key;
    if (v.min !== undefined && have < v.min) return key;
    if (v.max !== undefined && have > v.max) return key;
  }
  return null;
}

interface Picture {
  stream: MediaStream;
  size: { width: number; height: number; frameRate: number };
  close: () => void;
}

async function openPicture(options: FakeCameraOptions): Promise<Picture> {
  if (options.videoUrl) {
    const video = document.createElement('video');
    video.muted = true;
    video.loop = true;
    video.playsInline = true;
    video.src = options.videoUrl;
    await video.play();
    const v = video as HTMLVideoElement & { captureStream(): MediaStream };
    const captured = v.captureStream();
    for (const t of captured.getAudioTracks()) t.stop();
    return {
      stream: new MediaStream(captured.getVideoTracks()),
      size: { width: video.videoWidth, height: video.videoHeight, frameRate: 30 },
      close: () => {
        video.pause();
        video.removeAttribute('src');
        video.load();
      },
    };
  }
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  let frame = 0;
  const paint = () => {
    const hue = (frame++ * 3) % 360;
    ctx.fillStyle = `hsl(${hue} 70% 45%)`;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#fff';
    const x = ((frame * 4) % (width + 80)) - 40;
    ctx.fillRect(x, height / 2 - 40, 80, 80);
  };
  paint();
  const timer = setInterval(paint, 1000 / 30);
  return { stream: canvas.captureStream(30), size: { width, height, frameRate: 30 }, close: () => clearInterval(timer) };
}

/**
 * Replaces `navigator.mediaDevices.getUserMedia` and `enumerateDevices` with a fake camera that
 * plays a video file (or a test pattern) through `captureStream`, and can simulate denial, no
 * device, a device in use, impossible constraints and a track that ends. For tests and demos on
 * machines without a camera. Browser only (it needs `captureStream`).
 *
 * ```ts
 * const camera = installFakeCamera({ videoUrl: '/clips/person.mp4' });
 * camera.setFailure('permission-denied');
 * // ... render, assert ...
 * camera.uninstall();
 * ```
 */
export function installFakeCamera(options: FakeCameraOptions = {}): FakeCamera {
  let failure = options.failure ?? null;
  let devices: FakeCameraDevice[] = options.devices ?? [{ deviceId: 'fake-camera-1', label: 'Fake camera 1' }];
  let granted = !(options.hideLabelsUntilGranted ?? true);
  let calls = 0;
  let lastConstraints: MediaStreamConstraints | null = null;
  const tracks: MediaStreamTrack[] = [];
  const closers = new Set<() => void>();

  const existing = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  const md: MediaDevices = existing ?? (new EventTarget() as MediaDevices);
  const ownBefore = {
    getUserMedia: Object.getOwnPropertyDescriptor(md, 'getUserMedia'),
    enumerateDevices: Object.getOwnPropertyDescriptor(md, 'enumerateDevices'),
  };

  const list = (): MediaDeviceInfo[] =>
    failure === 'not-found'
      ? []
      : devices.map((d, i) => {
          const info = {
            deviceId: d.deviceId,
            groupId: d.groupId ?? 'fake-group',
            kind: 'videoinput' as const,
            label: granted ? (d.label ?? `Fake camera ${i + 1}`) : '',
          };
          return { ...info, toJSON: () => info } as MediaDeviceInfo;
        });

  const getUserMedia = async (constraints: MediaStreamConstraints = {}): Promise<MediaStream> => {
    calls++;
    lastConstraints = constraints;
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (failure === 'pending') return new Promise<MediaStream>(() => {});
    if (failure === 'overconstrained') throw overconstrained('deviceId');
    if (failure) throw new DOMException(DOMEXCEPTION_NAMES[failure][1], DOMEXCEPTION_NAMES[failure][0]);
    if (!constraints.video) throw new TypeError('The fake camera only provides video; ask for { video: ... }');
    const c: MediaTrackConstraints = typeof constraints.video === 'object' ? constraints.video : {};
    const wanted = c.deviceId;
    const exact = typeof wanted === 'object' && !Array.isArray(wanted) ? wanted.exact : undefined;
    const device = exact === undefined ? devices[0] : devices.find((d) => d.deviceId === exact);
    if (!devices.length) throw new DOMException(DOMEXCEPTION_NAMES['not-found'][1], 'NotFoundError');
    if (!device) throw overconstrained('deviceId');
    const picture = await openPicture(options);
    const bad = unmet(c, picture.size);
    if (bad) {
      picture.stream.getTracks().forEach((t) => t.stop());
      picture.close();
      throw overconstrained(bad);
    }
    granted = true;
    const close = () => {
      if (!closers.delete(close)) return;
      picture.close();
    };
    closers.add(close);
    for (const track of picture.stream.getVideoTracks()) {
      tracks.push(track);
      const stop = track.stop.bind(track);
      const settings = track.getSettings.bind(track);
      track.getSettings = () => ({ ...settings(), deviceId: device.deviceId, groupId: device.groupId ?? 'fake-group' });
      track.stop = () => {
        stop();
        if (picture.stream.getVideoTracks().every((t) => t.readyState === 'ended')) close();
      };
    }
    return picture.stream;
  };

  const enumerateDevices = async () => list();
  Object.defineProperty(md, 'getUserMedia', { value: getUserMedia, configurable: true, writable: true });
  Object.defineProperty(md, 'enumerateDevices', { value: enumerateDevices, configurable: true, writable: true });
  if (!existing && typeof navigator !== 'undefined') {
    Object.defineProperty(navigator, 'mediaDevices', { value: md, configurable: true });
  }

  return {
    get getUserMediaCalls() {
      return calls;
    },
    get liveTracks() {
      return tracks.filter((t) => t.readyState === 'live').length;
    },
    get tracks() {
      return tracks;
    },
    get lastConstraints() {
      return lastConstraints;
    },
    setFailure(next) {
      const listed = failure === 'not-found';
      failure = next;
      if (listed !== (next === 'not-found')) md.dispatchEvent(new Event('devicechange'));
    },
    setDevices(next) {
      devices = next;
      md.dispatchEvent(new Event('devicechange'));
    },
    endTracks() {
      for (const track of tracks) {
        if (track.readyState !== 'live') continue;
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
    },
    uninstall() {
      for (const track of tracks) track.stop();
      for (const close of [...closers]) close();
      for (const key of ['getUserMedia', 'enumerateDevices'] as const) {
        const before = ownBefore[key];
        if (before) Object.defineProperty(md, key, before);
        else delete (md as unknown as Record<string, unknown>)[key];
      }
      if (!existing && typeof navigator !== 'undefined') delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    },
  };
}
