import { useEffect, useState } from 'react';

/** Options of `useProcessedStream`. */
export interface UseProcessedStreamOptions {
  /**
   * A stream whose audio tracks go with the processed video (the camera's own stream, or a
   * microphone from `getUserMedia({ audio: true })`). Each track is cloned, so stopping the
   * processed stream never stops the original.
   * @default null
   */
  audio?: MediaStream | null;
  /**
   * Frames per second captured from the canvas; `undefined` captures each time the canvas is drawn.
   * @default undefined
   */
  frameRate?: number;
}

/**
 * A `MediaStream` of what a canvas shows (for example `<BackgroundEffect onCanvas={setCanvas}>`),
 * with the audio of `options.audio` kept: hand it to `RTCPeerConnection.addTrack` or a
 * `MediaRecorder`. Every track of the stream is stopped when the component unmounts, the canvas
 * changes or the audio source changes.
 *
 * ```tsx
 * const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
 * const stream = useProcessedStream(canvas, { audio: camera.stream });
 * <BackgroundEffect source={camera.video} onCanvas={setCanvas} />
 * ```
 * @returns null until there is a canvas (and during server rendering)
 */
export function useProcessedStream(canvas: HTMLCanvasElement | null, options: UseProcessedStreamOptions = {}): MediaStream | null {
  const { audio = null, frameRate } = options;
  const [stream, setStream] = useState<MediaStream | null>(null);
  useEffect(() => {
    if (!canvas || typeof canvas.captureStream !== 'function') return undefined;
    const processed = frameRate === undefined ? canvas.captureStream() : canvas.captureStream(frameRate);
    for (const track of audio?.getAudioTracks() ?? []) if (track.readyState === 'live') processed.addTrack(track.clone());
    // The stream owns tracks that must be stopped, so it is made here, never during render (a
    // StrictMode double render would leak a capture), and handed to the render through state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStream(processed);
    return () => {
      for (const track of processed.getTracks()) track.stop();
      setStream((current) => (current === processed ? null : current));
    };
  }, [canvas, audio, frameRate]);
  return stream;
}
