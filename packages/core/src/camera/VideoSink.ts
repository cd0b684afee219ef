import { CameraError, toCameraError } from './CameraError';

interface Shown {
  video: HTMLVideoElement;
  media: MediaStream | string;
  off: () => void;
}

const FRAME_EVENTS = ['loadeddata', 'playing', 'resize'] as const;

/**
 * Puts a camera stream (or a video URL) in a video element and follows its frames: the element
 * attached by the page, or an internal one while none is. Knows nothing of camera status.
 */
export interface VideoSink {
  /** The page's element (a ref callback); null moves the media back to the internal element. */
  attach(video: HTMLVideoElement | null): void;
  /** Show this media (null: none). New media plays. */
  show(media: MediaStream | string | null): void;
  /** Hold the picture; an element attached meanwhile stays paused too. */
  pause(): void;
  /** Play after `pause()`; a failure other than an interruption goes to `onError`. */
  play(): Promise<void>;
}

/**
 * Creates a `VideoSink`. A closure rather than a class, with plain callbacks rather than an
 * events object: the camera widget has a size budget (tests/unit/size-budget.test.ts).
 * @param onElement The element showing frames changed: the attached one, the internal one, or none.
 * @param onFrame A real frame is showing (readyState ≥ 2 and a non-zero size), or its size changed.
 * @param onError The element could not load or play the media.
 */
export function createVideoSink(
  onElement: (video: HTMLVideoElement | null) => void,
  onFrame: (width: number, height: number) => void,
  onError: (error: CameraError) => void,
): VideoSink {
  let attached: HTMLVideoElement | null = null;
  let internal: HTMLVideoElement | null = null;
  let current: MediaStream | string | null = null;
  let paused = false;
  let shown: Shown | null = null;

  const play = async () => {
    paused = false;
    const playing = shown;
    if (!playing) return;
    try {
      await playing.video.play();
    } catch (error) {
      // AbortError: the media changed before playback began (a restart); the new media plays.
      if ((error as Error)?.name !== 'AbortError' && shown === playing) onError(toCameraError(error));
    }
  };

  const update = () => {
    const media = current;
    const video = attached ?? (media ? (internal ??= document.createElement('video')) : null);
    if (shown && (shown.video !== video || shown.media !== media)) {
      const old = shown.video;
      shown.off();
      shown = null;
      old.pause();
      old.srcObject = null;
      old.removeAttribute('src');
    }
    onElement(video);
    if (!video || !media || shown) return;
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
    const check = () => {
      if (video.readyState >= 2 && video.videoWidth) onFrame(video.videoWidth, video.videoHeight);
    };
    const onFailed = () => {
      const e = video.error;
      onError(new CameraError('unknown', `unknown: the video failed (${e?.message || e?.code})`, { cause: e }));
    };
    for (const e of FRAME_EVENTS) video.addEventListener(e, check);
    video.addEventListener('error', onFailed);
    shown = {
      video,
      media,
      off: () => {
        for (const e of FRAME_EVENTS) video.removeEventListener(e, check);
        video.removeEventListener('error', onFailed);
      },
    };
    if (!paused) void play();
    check();
  };

  return {
    attach(video) {
      if (video === attached) return;
      attached = video;
      if (video) update();
      else
        // A ref detached and re-attached in the same commit (StrictMode) must not bounce the media.
        queueMicrotask(() => {
          if (!attached) update();
        });
    },
    show(media) {
      if (media !== current) paused = false;
      current = media;
      update();
    },
    pause() {
      paused = true;
      shown?.video.pause();
    },
    play,
  };
}
