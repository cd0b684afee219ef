import { Store } from '../store/Store';
import { captureElement, captureFrame, type CaptureOptions } from './capture';
import { CameraError, toCameraError } from './CameraError';
import { cameraConstraints, streamOptionsChanged } from './constraints';
import { isGone, listVideoInputs, onDeviceChange, sameDevices } from './devices';
import { watchStreamEnded } from './tracks';
import { streamPool } from './streamPool';
import { createVideoSink } from './VideoSink';
import { CameraStatus, type CameraSourceOptions, type CameraState } from './cameraState';

export { CameraStatus, type CameraSourceOptions, type CameraState } from './cameraState';

/**
 * Where a change of camera (options, `switchCamera`) restarts at once. `error` included: a
 * person who picks another camera, or an app that passes another `deviceId`, must not also need
 * Try again.
 */
const RESTARTS: readonly CameraStatus[] = ['requesting', 'live', 'paused', 'error'];

/**
 * The camera engine behind `useWebcam`: opens a (shared, ref-counted) camera stream or another
 * source, shows it in a video element, and reports `status` only from real frames. Knows nothing
 * of React. `mount()` connects it to the page and returns the function that disconnects it;
 * mounting again afterwards works (StrictMode's double mount reuses the pending stream).
 */
export class CameraSource extends Store<CameraState> {
  #options: CameraSourceOptions;
  /** `switchCamera` choice; cleared when the `deviceId`/`facingMode` options change or its camera is unplugged. */
  #selected: Pick<CameraSourceOptions, 'deviceId' | 'facingMode'> | null = null;
  #run = 0;
  /** What the current run holds (the stream lease, a captured element, the ended watch). */
  #held: (() => void)[] = [];
  readonly #sink = createVideoSink(
    (video) => this.setState({ video }),
    (videoWidth, videoHeight) => {
      this.setState({ videoWidth, videoHeight });
      if (this.#status !== 'requesting') return;
      this.setState({ status: 'live' });
      // Labels appear once permission is granted.
      void this.refreshDevices();
    },
    (error) => this.#halt({ status: 'error', error }),
  );
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

  get #status(): CameraStatus {
    return this.getSnapshot().status;
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
    const offDevices = onDeviceChange(() => void this.refreshDevices());
    const onVisibility = () => {
      if (!document.hidden) {
        if (this.#pausedByVisibility) void this.resume();
      } else if (this.#options.pauseWhenHidden && this.#status === 'live') {
        this.pause();
        this.#pausedByVisibility = true;
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    this.#unmountPage = () => {
      offDevices();
      document.removeEventListener('visibilitychange', onVisibility);
    };
    void this.refreshDevices();
    if ((this.#options.autoStart ?? true) && this.#status === 'idle') void this.start();
    return () => this.dispose();
  }

  /** Release the camera and disconnect from the page. `mount()` may be called again later. */
  dispose(): void {
    this.#unmountPage?.();
    this.#unmountPage = null;
    this.#halt({ status: 'idle', error: null });
  }

  /** Update options; a change of camera, constraints or source restarts an active or failed camera. */
  setOptions(next: CameraSourceOptions): void {
    const prev = this.#options;
    this.#options = { ...next };
    if (prev.deviceId !== next.deviceId || prev.facingMode !== next.facingMode) this.#selected = null;
    const changed = streamOptionsChanged(prev, next);
    const status = this.#status;
    if (changed && RESTARTS.includes(status)) void this.#restart();
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
    this.#sink.attach(video);
  }

  /** Open the camera (or source). Resolves when the request settled; failures land in `error`. */
  async start(): Promise<void> {
    const status = this.#status;
    if (status === 'paused') return this.resume();
    if (status === 'requesting' || status === 'live') return;
    this.#halt({ status: 'requesting', error: null });
    const run = this.#run;
    try {
      const media = await this.#open(run);
      if (run !== this.#run) return;
      if (typeof media !== 'string') {
        // The stream is shared and may outlive this run: ending the run stops the watch, so it
        // only ever fires for the current run.
        this.#held.push(
          watchStreamEnded(media, () =>
            this.#halt({
              status: 'error',
              error: new CameraError('ended', 'ended: the camera stopped (unplugged?); start() restarts it'),
            }),
          ),
        );
        const settings = media.getVideoTracks()[0]?.getSettings?.();
        this.setState({ stream: media, deviceId: settings?.deviceId ?? null });
      }
      this.#sink.show(media);
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
    if (this.#status !== 'live') return;
    this.#sink.pause();
    this.setState({ status: 'paused' });
  }

  /** Continue after `pause()`. */
  async resume(): Promise<void> {
    if (this.#status !== 'paused') return;
    this.#pausedByVisibility = false;
    this.setState({ status: 'live' });
    await this.#sink.play();
  }

  /**
   * Use another camera: a `deviceId` from `devices`, a facing mode (`'user'`/`'environment'`),
   * or, with no argument, the next camera in `devices` (the other facing mode with one or none).
   */
  async switchCamera(target?: string): Promise<void> {
    const { devices, deviceId } = this.getSnapshot();
    const facingMode = this.#selected?.facingMode ?? this.#options.facingMode;
    if (target === undefined) {
      const i = devices.findIndex((d) => d.deviceId === deviceId);
      target = devices.length > 1 ? devices[(i + 1) % devices.length].deviceId : facingMode === 'environment' ? 'user' : 'environment';
    }
    this.#selected =
      target === 'user' || target === 'environment'
        ? { deviceId: undefined, facingMode: target }
        : { deviceId: target, facingMode: undefined };
    if (RESTARTS.includes(this.#status)) await this.#restart();
  }

  /** The current frame as an `ImageBitmap`, unmirrored unless `mirrored` is asked. */
  capture(options?: CaptureOptions & { type?: 'imagebitmap' }): Promise<ImageBitmap>;
  /** The current frame encoded as a `Blob` (PNG unless `mimeType` says otherwise). */
  capture(options: CaptureOptions & { type: 'blob' }): Promise<Blob>;
  async capture(options: CaptureOptions = {}): Promise<ImageBitmap | Blob> {
    // The element in the state shows the media when there is any; without, it has no frame.
    const { video } = this.getSnapshot();
    if (!video || video.readyState < 2 || !video.videoWidth) {
      throw new CameraError('unknown', `capture() needs a frame, but the camera is ${this.#status}`);
    }
    return captureFrame(video, options);
  }

  /** Re-reads the list of video inputs. */
  async refreshDevices(): Promise<void> {
    const devices = await listVideoInputs();
    if (!devices) return;
    // Keep the old array when nothing changed, so nobody re-renders.
    if (!sameDevices(this.getSnapshot().devices, devices)) this.setState({ devices });
    // A camera chosen with switchCamera and then unplugged: Try again would ask for it forever.
    const chosen = this.#selected?.deviceId;
    if (chosen && isGone(devices, chosen)) this.#selected = null;
  }

  async #restart(): Promise<void> {
    this.#halt({ status: 'idle' });
    await this.start();
  }

  /** Ends the current run (stream, source, element) and sets the given state. */
  #halt(patch: Partial<CameraState>): void {
    this.#run++;
    for (const release of this.#held.splice(0)) release();
    this.#pausedByVisibility = false;
    this.#sink.show(null);
    this.setState({ stream: null, ...patch });
  }

  async #open(run: number): Promise<MediaStream | string> {
    const src = this.#options.src;
    if (typeof src === 'string') return src;
    if (src) {
      const { stream, stop } = await captureElement(src);
      if (run !== this.#run) stop();
      else this.#held.push(stop);
      return stream;
    }
    const lease = (this.#options.pool ?? streamPool).acquire(cameraConstraints({ ...this.#options, ...this.#selected }));
    this.#held.push(() => lease.release());
    return lease.stream;
  }
}
