import { Store } from '../store/Store';
import { CameraError, toCameraError } from './CameraError';
import { watchStreamEnded } from './streamEnded';
import { constraintsKey, streamPool, type StreamLease, type StreamPool } from './streamPool';

/** Where the camera is in its life; one value at a time. */
export const CameraStatus = {
  /** Not started (`autoStart: false`, or before mount). */
  Idle: 'idle',
  /** Asking for permission or waiting for the first frame. */
  Requesting: 'requesting',
  /** A real frame has arrived (readyState ≥ 2 and a non-zero size). */
  Live: 'live',
  /** Frames are held by `pause()` (or a hidden page with `pauseWhenHidden`); the stream is kept. */
  Paused: 'paused',
  /** `stop()` released the camera. */
  Stopped: 'stopped',
  /** See `error`. */
  Error: 'error',
} as const;
export type CameraStatus = (typeof CameraStatus)[keyof typeof CameraStatus];

/** Something that can stand in for a camera: a video URL (played looped and muted) or an element. */
export type CameraSourceInput = string | HTMLVideoElement | HTMLImageElement | HTMLCanvasElement;

export interface CameraSourceOptions {
  /** The camera to open (an id from `devices`); required exactly. @default undefined (the browser's choice) */
  deviceId?: string;
  /** `'user'` (front) or `'environment'` (back), as a preference. @default undefined */
  facingMode?: 'user' | 'environment' | (string & {});
  /** Preferred width in pixels (an `ideal` constraint). @default undefined */
  width?: number;
  /** Preferred height in pixels (an `ideal` constraint). @default undefined */
  height?: number;
  /** Preferred frame rate (an `ideal` constraint). @default undefined */
  frameRate?: number;
  /** Extra track constraints merged over the ones above (for example `{ width: { exact: 1280 } }`). @default undefined */
  videoConstraints?: MediaTrackConstraints;
  /** Start the camera when mounted. @default true */
  autoStart?: boolean;
  /** Pause while the page is hidden and resume when it is shown again. @default false */
  pauseWhenHidden?: boolean;
  /**
   * Play this instead of a camera: a video URL (looped, muted), or a video, image or canvas
   * element (captured with `captureStream`; a video element must be playing).
   * @default null (the camera)
   */
  src?: CameraSourceInput | null;
  /** The stream pool to borrow camera streams from. @default the page-wide `streamPool` */
  pool?: StreamPool;
}

export interface CameraState {
  status: CameraStatus;
  error: CameraError | null;
  /** The live stream (camera or captured element); null for a video URL and when not started. */
  stream: MediaStream | null;
  /** The element showing the frames: the attached one, or an internal one when none is attached. */
  video: HTMLVideoElement | null;
  /** Video inputs, refreshed on `devicechange`; labels appear once permission is granted. */
  devices: MediaDeviceInfo[];
  /** The `deviceId` of the camera in use, once live. */
  deviceId: string | null;
  /** Intrinsic size of the frames, 0 until the first frame. */
  videoWidth: number;
  videoHeight: number;
}

export interface CaptureOptions {
  /** Flip the picture left-right, as a mirrored display shows it. @default false */
  mirrored?: boolean;
  /** Return an `ImageBitmap` or an encoded `Blob`. @default 'imagebitmap' */
  type?: 'imagebitmap' | 'blob';
  /** Blob format. @default 'image/png' */
  mimeType?: string;
  /** Blob quality for lossy formats, 0..1. @default undefined (the browser's) */
  quality?: number;
}

type CaptureStreamElement = HTMLMediaElement & { captureStream?(): MediaStream; mozCaptureStream?(): MediaStream };

const ACTIVE: readonly CameraStatus[] = ['requesting', 'live', 'paused'];
const RESTART_KEYS = ['deviceId', 'facingMode', 'width', 'height', 'frameRate', 'videoConstraints', 'src'] as const;

/**
 * The camera engine behind `useWebcam`: opens a (shared, ref-counted) camera stream or another
 * source, shows it in a video element, and reports `status` only from real frames. Knows nothing
 * of React. `mount()` connects it to the page and returns the function that disconnects it;
 * mounting again afterwards works (StrictMode's double mount reuses the pending stream).
 */
export class CameraSource extends Store<CameraState> {
  #options: CameraSourceOptions;
  /** `switchCamera` choice; cleared when the `deviceId`/`facingMode` options change. */
  #selected: Pick<CameraSourceOptions, 'deviceId' | 'facingMode'> | null = null;
  #run = 0;
  #lease: StreamLease | null = null;
  #media: MediaStream | string | null = null;
  /** Releases what this run made itself (captured elements, listeners on tracks). */
  #stopRun: (() => void) | null = null;
  #attached: HTMLVideoElement | null = null;
  #internal: HTMLVideoElement | null = null;
  #shown: { video: HTMLVideoElement; off: () => void } | null = null;
  #unmountPage: (() => void) | null = null;
  #pausedByVisibility = false;

  constructor(options: CameraSourceOptions = {}) {
    super({
      status: 'idle',
      error: null,
      stream: null,
      video: null,
      devices: [],
      deviceId: null,
      videoWidth: 0,
      videoHeight: 0,
    });
    this.#options = { ...options };
    for (const m of ['attach', 'start', 'stop', 'pause', 'resume', 'switchCamera', 'capture', 'mount'] as const) {
      (this as Record<typeof m, unknown>)[m] = (this[m] as (...a: unknown[]) => unknown).bind(this);
    }
  }

  /** Current options as given (without a `switchCamera` choice). */
  getOptions(): Readonly<CameraSourceOptions> {
    return this.#options;
  }

  /**
   * Connect to the page: list devices, follow `devicechange` and visibility, and start when
   * `autoStart`. Returns the function that releases the camera and disconnects.
   */
  mount(): () => void {
    this.#unmountPage?.();
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    const onDevices = () => void this.refreshDevices();
    const onVisibility = () => this.#onVisibility();
    md?.addEventListener?.('devicechange', onDevices);
    document.addEventListener('visibilitychange', onVisibility);
    this.#unmountPage = () => {
      md?.removeEventListener?.('devicechange', onDevices);
      document.removeEventListener('visibilitychange', onVisibility);
    };
    void this.refreshDevices();
    if ((this.#options.autoStart ?? true) && this.getSnapshot().status === 'idle') void this.start();
    return () => this.dispose();
  }

  /** Release the camera and disconnect from the page. `mount()` may be called again later. */
  dispose(): void {
    this.#unmountPage?.();
    this.#unmountPage = null;
    this.#halt({ status: 'idle', error: null });
  }

  /** Update options; a change of camera, constraints or source restarts an active camera. */
  setOptions(next: CameraSourceOptions): void {
    const prev = this.#options;
    this.#options = { ...next };
    if (prev.deviceId !== next.deviceId || prev.facingMode !== next.facingMode) this.#selected = null;
    const changed = RESTART_KEYS.some((k) =>
      k === 'videoConstraints' ? constraintsKey(prev[k]) !== constraintsKey(next[k]) : prev[k] !== next[k],
    );
    const { status } = this.getSnapshot();
    if (changed && ACTIVE.includes(status)) void this.#restart();
    else if ((next.autoStart ?? true) && !(prev.autoStart ?? true) && status === 'idle' && this.#unmountPage) {
      void this.start();
    }
    if (!next.pauseWhenHidden && this.#pausedByVisibility) void this.resume();
  }

  /**
   * The video element to show frames in (the ref callback of `videoProps`). The media moves to
   * it; passing null moves it back to an internal element.
   */
  attach(video: HTMLVideoElement | null): void {
    if (video === this.#attached) return;
    this.#attached = video;
    if (video) this.#show();
    else
      // A ref detached and re-attached in the same commit (StrictMode) must not bounce the media.
      queueMicrotask(() => {
        if (!this.#attached) this.#show();
      });
  }

  /** Open the camera (or source). Resolves when the request settled; failures land in `error`. */
  async start(): Promise<void> {
    const { status } = this.getSnapshot();
    if (status === 'paused') return this.resume();
    if (status === 'requesting' || status === 'live') return;
    this.#halt({ status: 'requesting', error: null });
    const run = this.#run;
    try {
      const media = await this.#open(run);
      if (run !== this.#run) return;
      this.#media = media;
      if (typeof media !== 'string') {
        const unwatch = watchStreamEnded(media, () => {
          if (run !== this.#run) return;
          this.#halt({
            status: 'error',
            error: new CameraError('ended', 'ended: the camera stopped (unplugged, or its track stopped by other code); start() restarts it'),
          });
        });
        const stopCapture = this.#stopRun;
        // The stream is shared and may outlive this run: stop watching it when the run ends.
        this.#stopRun = () => {
          stopCapture?.();
          unwatch();
        };
        const settings = media.getVideoTracks()[0]?.getSettings?.();
        this.setState({ stream: media, deviceId: settings?.deviceId ?? null });
      }
      this.#show();
    } catch (error) {
      if (run === this.#run) this.#halt({ status: 'error', error: toCameraError(error) });
    }
  }

  /** Release the camera; every track stops within 100 ms unless another widget still uses it. */
  stop(): void {
    this.#halt({ status: 'stopped', error: null });
  }

  /** Hold the picture (frames stop reaching models); the stream is kept for a quick `resume()`. */
  pause(): void {
    if (this.getSnapshot().status !== 'live') return;
    this.#shown?.video.pause();
    this.setState({ status: 'paused' });
  }

  /** Continue after `pause()`. */
  async resume(): Promise<void> {
    if (this.getSnapshot().status !== 'paused') return;
    this.#pausedByVisibility = false;
    this.setState({ status: 'live' });
    await this.#play();
  }

  /**
   * Use another camera: a `deviceId` from `devices`, a facing mode (`'user'`/`'environment'`),
   * or, with no argument, the next camera in `devices` (the other facing mode with one or none).
   */
  async switchCamera(target?: string): Promise<void> {
    const { devices, deviceId } = this.getSnapshot();
    const facingMode = this.#selected?.facingMode ?? this.#options.facingMode;
    if (target === undefined) {
      if (devices.length > 1) {
        const i = devices.findIndex((d) => d.deviceId === deviceId);
        target = devices[(i + 1) % devices.length].deviceId;
      } else {
        target = facingMode === 'environment' ? 'user' : 'environment';
      }
    }
    this.#selected =
      target === 'user' || target === 'environment'
        ? { deviceId: undefined, facingMode: target }
        : { deviceId: target, facingMode: undefined };
    if (ACTIVE.includes(this.getSnapshot().status)) await this.#restart();
  }

  /** The current frame as an `ImageBitmap`, unmirrored unless `mirrored` is asked. */
  capture(options?: CaptureOptions & { type?: 'imagebitmap' }): Promise<ImageBitmap>;
  /** The current frame encoded as a `Blob` (PNG unless `mimeType` says otherwise). */
  capture(options: CaptureOptions & { type: 'blob' }): Promise<Blob>;
  async capture(options: CaptureOptions = {}): Promise<ImageBitmap | Blob> {
    const video = this.#shown?.video;
    if (!video || video.readyState < 2 || !video.videoWidth) {
      throw new CameraError('unknown', `capture() needs a frame, but the camera is ${this.getSnapshot().status}`);
    }
    const { videoWidth: w, videoHeight: h } = video;
    if (!options.mirrored && options.type !== 'blob') return createImageBitmap(video);
    // OffscreenCanvas: every browser with getUserMedia and createImageBitmap has it (Safari 16.4+).
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    if (options.mirrored) ctx.setTransform(-1, 0, 0, 1, w, 0);
    ctx.drawImage(video, 0, 0, w, h);
    return options.type === 'blob'
      ? canvas.convertToBlob({ type: options.mimeType ?? 'image/png', quality: options.quality })
      : createImageBitmap(canvas);
  }

  /** Re-reads the list of video inputs. */
  async refreshDevices(): Promise<void> {
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!md?.enumerateDevices) return;
    let all: MediaDeviceInfo[];
    try {
      all = await md.enumerateDevices();
    } catch {
      // Listing devices is a convenience (the picker); the camera itself may still work.
      return;
    }
    const devices = all.filter((d) => d.kind === 'videoinput');
    const prev = this.getSnapshot().devices;
    // Keep the old array when nothing changed, so nobody re-renders.
    if (constraintsKey(prev.map((d) => [d.deviceId, d.label])) !== constraintsKey(devices.map((d) => [d.deviceId, d.label]))) {
      this.setState({ devices });
    }
  }

  async #restart(): Promise<void> {
    this.#halt({ status: 'idle' });
    await this.start();
  }

  /** Ends the current run (stream, source, element) and sets the given state. */
  #halt(patch: Partial<CameraState>): void {
    this.#run++;
    this.#lease?.release();
    this.#lease = null;
    this.#stopRun?.();
    this.#stopRun = null;
    this.#media = null;
    this.#pausedByVisibility = false;
    this.#show();
    this.setState({ stream: null, ...patch });
  }

  #constraints(): MediaStreamConstraints {
    const o = { ...this.#options, ...this.#selected };
    const ideal = <T,>(v: T | undefined) => (v === undefined ? undefined : { ideal: v });
    return {
      audio: false,
      video: {
        deviceId: o.deviceId ? { exact: o.deviceId } : undefined,
        facingMode: ideal(o.facingMode),
        width: ideal(o.width),
        height: ideal(o.height),
        frameRate: ideal(o.frameRate),
        ...o.videoConstraints,
      },
    };
  }

  async #open(run: number): Promise<MediaStream | string> {
    const src = this.#options.src;
    if (typeof src === 'string') return src;
    if (src) {
      const { stream, stop } = await captureElement(src);
      if (run !== this.#run) stop();
      else this.#stopRun = stop;
      return stream;
    }
    this.#lease = (this.#options.pool ?? streamPool).acquire(this.#constraints());
    return this.#lease.stream;
  }

  /** Puts the current media in the current element and follows its frames. */
  #show(): void {
    const media = this.#media;
    let video = this.#attached;
    if (!video && media) {
      video = this.#internal ??= document.createElement('video');
    }
    if (this.#shown && (this.#shown.video !== video || !media)) {
      const old = this.#shown.video;
      this.#shown.off();
      this.#shown = null;
      old.pause();
      old.srcObject = null;
      old.removeAttribute('src');
    }
    this.setState({ video });
    if (!video || !media || this.#shown) return;
    video.muted = true;
    video.playsInline = true;
    video.autoplay = false;
    if (typeof media === 'string') {
      video.srcObject = null;
      video.loop = true;
      video.src = media;
    } else {
      video.srcObject = media;
    }
    const run = this.#run;
    const check = () => {
      if (run !== this.#run || video.readyState < 2 || !video.videoWidth) return;
      this.setState({ videoWidth: video.videoWidth, videoHeight: video.videoHeight });
      if (this.getSnapshot().status === 'requesting') {
        this.setState({ status: 'live' });
        void this.refreshDevices();
      }
    };
    const onError = () => {
      if (run !== this.#run) return;
      const e = video.error;
      this.#halt({
        status: 'error',
        error: new CameraError('unknown', `unknown: the video failed (${e?.message || e?.code})`, {
          cause: e,
        }),
      });
    };
    const events = ['loadeddata', 'playing', 'resize'];
    for (const e of events) video.addEventListener(e, check);
    video.addEventListener('error', onError);
    this.#shown = {
      video,
      off: () => {
        for (const e of events) video.removeEventListener(e, check);
        video.removeEventListener('error', onError);
      },
    };
    if (this.getSnapshot().status !== 'paused') void this.#play();
    check();
  }

  async #play(): Promise<void> {
    const video = this.#shown?.video;
    if (!video) return;
    try {
      await video.play();
    } catch (error) {
      // AbortError: the media changed before playback began (a restart); the new media plays.
      if ((error as Error)?.name !== 'AbortError' && this.#shown?.video === video) {
        this.#halt({ status: 'error', error: toCameraError(error) });
      }
    }
  }

  #onVisibility(): void {
    if (!document.hidden) {
      if (this.#pausedByVisibility) void this.resume();
    } else if (this.#options.pauseWhenHidden && this.getSnapshot().status === 'live') {
      this.pause();
      this.#pausedByVisibility = true;
    }
  }

}

/** A MediaStream of an element's frames; `stop` ends it and anything made for it. */
async function captureElement(el: Exclude<CameraSourceInput, string>): Promise<{ stream: MediaStream; stop: () => void }> {
  let canvas: HTMLCanvasElement;
  let timer: ReturnType<typeof setInterval> | undefined;
  if (el instanceof HTMLImageElement) {
    if (!el.complete) await el.decode();
    canvas = Object.assign(document.createElement('canvas'), { width: el.naturalWidth, height: el.naturalHeight });
    const ctx = canvas.getContext('2d');
    // A canvas only emits a frame when painted, so a still image is repainted to keep frames coming.
    const paint = () => ctx?.drawImage(el, 0, 0);
    paint();
    timer = setInterval(paint, 100);
  } else if (el instanceof HTMLCanvasElement) {
    canvas = el;
  } else {
    const v = el as CaptureStreamElement;
    const capture = v.captureStream ?? v.mozCaptureStream;
    if (!capture) throw new CameraError('unsupported', 'unsupported: no captureStream() on video elements');
    const captured = capture.call(v);
    for (const t of captured.getAudioTracks()) t.stop();
    const stream = new MediaStream(captured.getVideoTracks());
    return { stream, stop: () => stream.getTracks().forEach((t) => t.stop()) };
  }
  if (!canvas.captureStream) throw new CameraError('unsupported', 'unsupported: no captureStream() on canvas elements');
  const stream = canvas.captureStream();
  return {
    stream,
    stop: () => {
      clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
    },
  };
}
