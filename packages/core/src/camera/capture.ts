import { CameraError } from './CameraError';
import { stopTracks } from './tracks';

/** Something that can stand in for a camera: a video URL (played looped and muted) or an element. */
export type CameraSourceInput = string | HTMLVideoElement | HTMLImageElement | HTMLCanvasElement;

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

/** A stream of an element's frames and the function that ends it and anything made for it. */
export interface CapturedElement {
  stream: MediaStream;
  stop: () => void;
}

type CaptureStreamElement = HTMLMediaElement & { captureStream?(): MediaStream; mozCaptureStream?(): MediaStream };

/** A MediaStream of an element's frames; `stop` ends it and anything made for it. */
export async function captureElement(el: Exclude<CameraSourceInput, string>): Promise<CapturedElement> {
  let canvas: HTMLCanvasElement;
  let paint: (() => void) | undefined;
  if (el instanceof HTMLImageElement) {
    if (!el.complete) await el.decode();
    canvas = Object.assign(document.createElement('canvas'), { width: el.naturalWidth, height: el.naturalHeight });
    const ctx = canvas.getContext('2d');
    paint = () => ctx?.drawImage(el, 0, 0);
    paint();
  } else if (el instanceof HTMLCanvasElement) {
    canvas = el;
  } else {
    const v = el as CaptureStreamElement;
    const capture = v.captureStream ?? v.mozCaptureStream;
    if (!capture) throw new CameraError('unsupported', 'unsupported: no captureStream() on video elements');
    const captured = capture.call(v);
    for (const t of captured.getAudioTracks()) t.stop();
    const stream = new MediaStream(captured.getVideoTracks());
    return { stream, stop: () => stopTracks(stream) };
  }
  if (!canvas.captureStream) throw new CameraError('unsupported', 'unsupported: no captureStream() on canvas elements');
  // captureStream can also throw (a cross-origin image taints the canvas): the repaint timer
  // starts only once there is a stream whose stop() clears it.
  const stream = canvas.captureStream();
  // A canvas only emits a frame when painted, so a still image is repainted to keep frames coming.
  const timer = paint && setInterval(paint, 100);
  return {
    stream,
    stop: () => {
      clearInterval(timer);
      stopTracks(stream);
    },
  };
}

/** The frame showing in `video` (which must have one), as an `ImageBitmap` or an encoded `Blob`. */
export function captureFrame(video: HTMLVideoElement, options: CaptureOptions = {}): Promise<ImageBitmap | Blob> {
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
