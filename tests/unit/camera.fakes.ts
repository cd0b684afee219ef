import { vi } from 'vitest';

/** A video track stand-in for jsdom (which has no MediaStream). */
export class FakeTrack extends EventTarget {
  readonly kind = 'video';
  readyState: MediaStreamTrackState = 'live';
  constructor(readonly deviceId: string) {
    super();
  }
  stop(): void {
    this.readyState = 'ended';
  }
  getSettings(): MediaTrackSettings {
    return { deviceId: this.deviceId };
  }
  /** What the browser does when a camera is unplugged. */
  unplug(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

export class FakeStream {
  readonly tracks: FakeTrack[];
  constructor(deviceId = 'cam-1') {
    this.tracks = [new FakeTrack(deviceId)];
  }
  getTracks() {
    return this.tracks as unknown as MediaStreamTrack[];
  }
  getVideoTracks() {
    return this.getTracks();
  }
  getAudioTracks(): MediaStreamTrack[] {
    return [];
  }
}

interface PendingCall {
  constraints: MediaStreamConstraints;
  resolve: (stream: FakeStream) => void;
  reject: (error: unknown) => void;
  stream?: FakeStream;
}

/** A `navigator.mediaDevices` whose `getUserMedia` calls wait until the test grants or denies them. */
export function installJsdomCamera(devices: { deviceId: string; label?: string }[] = [{ deviceId: 'cam-1' }]) {
  const calls: PendingCall[] = [];
  let list = devices;
  const md = Object.assign(new EventTarget(), {
    getUserMedia: vi.fn(
      (constraints: MediaStreamConstraints) =>
        new Promise((resolve, reject) => calls.push({ constraints, resolve, reject })),
    ),
    enumerateDevices: vi.fn(async () =>
      list.map((d) => ({ kind: 'videoinput', groupId: 'g', label: d.label ?? '', deviceId: d.deviceId })),
    ),
  });
  Object.defineProperty(navigator, 'mediaDevices', { value: md, configurable: true });
  const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  const pause = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
  const load = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});

  const last = () => calls[calls.length - 1];
  return {
    md,
    calls,
    play,
    pause,
    /** Resolve a pending call (the last by default) with a new stream from `deviceId`. */
    grant(call = last(), deviceId?: string): FakeStream {
      const id =
        deviceId ??
        ((call.constraints.video as MediaTrackConstraints)?.deviceId as { exact?: string } | undefined)?.exact ??
        'cam-1';
      call.stream = new FakeStream(id);
      call.resolve(call.stream);
      return call.stream;
    },
    /** Reject a pending call with a DOMException of this name. */
    deny(name = 'NotAllowedError', call = last()): void {
      call.reject(new DOMException(`${name} from the fake`, name));
    },
    setDevices(next: { deviceId: string; label?: string }[]): void {
      list = next;
      md.dispatchEvent(new Event('devicechange'));
    },
    uninstall(): void {
      play.mockRestore();
      pause.mockRestore();
      load.mockRestore();
      delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    },
  };
}

/** Makes a jsdom video element report a decoded frame of this size, as Chromium would. */
export function showFrame(video: HTMLVideoElement, width = 640, height = 480, readyState = 2): void {
  Object.defineProperty(video, 'readyState', { value: readyState, configurable: true });
  Object.defineProperty(video, 'videoWidth', { value: width, configurable: true });
  Object.defineProperty(video, 'videoHeight', { value: height, configurable: true });
  video.dispatchEvent(new Event('loadeddata'));
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise<void>((r) => setTimeout(r, 0));
