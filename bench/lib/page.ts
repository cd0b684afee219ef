// Page-side half of the bench harness: read params, step through a video deterministically, report.

declare global {
  interface Window {
    __benchDone?: (json: string) => Promise<void>;
    __benchFail?: (message: string) => Promise<void>;
  }
}

/** The JSON the CLI passed to `runInChromium({ params })`. */
export function params<T>(): T {
  const raw = new URLSearchParams(location.search).get('params');
  return (raw ? JSON.parse(raw) : {}) as T;
}

/** URL of a file the CLI served with `runInChromium({ files: { [key]: path } })`. */
export function fileUrl(key: string): string {
  return `/@bench-file/${encodeURIComponent(key)}`;
}

/** Report the result (any JSON value) and end the run. */
export function done(result: unknown): void {
  void window.__benchDone?.(JSON.stringify(result));
}

/** End the run with an error. */
export function fail(error: unknown): void {
  void window.__benchFail?.(error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
}

/** Log a progress line to the CLI's stderr. */
export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Run `main`, reporting its value or its error. */
export function run(main: () => Promise<unknown>): void {
  main().then(done, fail);
}

/** Load a video (muted, paused) and resolve once its first frame has data. */
export async function loadVideo(url: string): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.crossOrigin = 'anonymous';
  video.src = url;
  document.body.append(video);
  await new Promise<void>((resolve, reject) => {
    video.addEventListener('loadeddata', () => resolve(), { once: true });
    video.addEventListener('error', () => reject(new Error(`cannot load video ${url}: ${video.error?.message ?? 'unknown'}`)), { once: true });
  });
  return video;
}

/** Load an image and resolve once decoded. */
export async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  document.body.append(image);
  await image.decode();
  return image;
}

/** Number of frames in a video at `fps` (from its duration). */
export function frameCount(video: HTMLVideoElement, fps = 30): number {
  return Math.max(1, Math.round(video.duration * fps));
}

/**
 * Seek to frame `index` at `fps` and resolve when that frame is decoded and presentable.
 * Seeking to the middle of the frame's interval avoids landing on the previous frame through
 * rounding of the container's timestamps.
 */
export async function seekFrame(video: HTMLVideoElement, index: number, fps = 30): Promise<void> {
  const target = (index + 0.5) / fps;
  if (Math.abs(video.currentTime - target) < 1e-6 && video.readyState >= 2) return;
  // Chromium sometimes fires 'seeked' before the new frame reaches drawImage, so a read right
  // after it returns the previous frame (about 1 seek in 100 here). Also wait until the frame is
  // presented (requestVideoFrameCallback); a seek within the same frame presents nothing, hence
  // the short fallback, which costs time but not correctness (the shown frame is then the right one).
  const withCallback = video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
  const presented = withCallback.requestVideoFrameCallback
    ? Promise.race([
        new Promise<void>((resolve) => withCallback.requestVideoFrameCallback!(() => resolve())),
        new Promise<void>((resolve) => setTimeout(resolve, 250)),
      ])
    : Promise.resolve();
  await new Promise<void>((resolve) => {
    video.addEventListener('seeked', () => resolve(), { once: true });
    video.currentTime = target;
  });
  await presented;
  if (video.readyState < 2) {
    await new Promise<void>((resolve) => video.addEventListener('loadeddata', () => resolve(), { once: true }));
  }
}

/** 30 fps timestamps in ms, as upstream's video tests feed them (33.333 ms apart). */
export function frameTimestamp(index: number, fps = 30): number {
  return (index * 1000) / fps;
}

/** Arithmetic mean of `v`. */
export function mean(v: number[]): number {
  return v.reduce((sum, x) => sum + x, 0) / v.length;
}

/** Median of `v` (the mean of the middle two for an even count). */
export function median(v: number[]): number {
  const sorted = [...v].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
