/** How often a live stream's tracks are looked at; keeps a stopped track noticed within 1 s. */
const CHECK_EVERY_MS = 250;

/** Stops every track of the stream (camera light off once no other stream holds the device). */
export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * True when no video track of the stream can give a frame again: every one is `ended`, or
 * there is none left.
 */
export function isStreamEnded(stream: MediaStream): boolean {
  return stream.getVideoTracks().every((track) => track.readyState === 'ended');
}

/**
 * Calls `onEnded` once when the stream's video tracks have all ended, whether they fired `ended`
 * (unplugged) or not: per spec `track.stop()` fires no event, so a track stopped by other code
 * on the page (another library holding the same stream) is only seen by looking at
 * `readyState`. Returns the function that stops watching.
 */
export function watchStreamEnded(stream: MediaStream, onEnded: () => void): () => void {
  const tracks = stream.getVideoTracks();
  const check = () => {
    if (!isStreamEnded(stream)) return;
    unwatch();
    onEnded();
  };
  const timer = setInterval(check, CHECK_EVERY_MS);
  for (const track of tracks) track.addEventListener('ended', check);
  const unwatch = () => {
    clearInterval(timer);
    for (const track of tracks) track.removeEventListener('ended', check);
  };
  return unwatch;
}
