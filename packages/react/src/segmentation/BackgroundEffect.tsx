import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { createBackgroundCompositor } from '@webcam-ml/core/segmentation';
import type {
  BackgroundCompositor,
  BackgroundEffectName,
  CompositeOptions,
  CompositeSource,
  CompositorKind,
  CompositorPreference,
  SegmentationMask,
  SegmentationModelName,
  SegmentationState,
} from '@webcam-ml/core/segmentation';
import type { FrameSourceElement } from '@webcam-ml/core/runtime';
import { useWebcamContext } from '../webcam/WebcamContext';
import { useSegmentation } from './useSegmentation';

/** What `<BackgroundEffect>` draws and how. */
export interface BackgroundEffectProps {
  /**
   * The camera video (`useWebcam().video`), another video, an image or a canvas. Inside a
   * `<Webcam>`, its video is used when left out.
   * @default the enclosing `<Webcam>`'s video, else null
   */
  source?: (FrameSourceElement & CompositeSource) | null;
  /**
   * What happens behind the person: `'blur'`, `'image'` (the `background`), `'color'` or `'none'`
   * (the camera as it is).
   * @default 'blur'
   */
  effect?: BackgroundEffectName;
  /**
   * Blur strength (`effect: 'blur'`): the standard deviation in pixels of the frame.
   * @default 12
   */
  blur?: number;
  /**
   * Background colour (`effect: 'color'`): `#rgb`, `#rrggbb` or `rgb(r, g, b)`.
   * @default '#00b140'
   */
  color?: string;
  /**
   * Background (`effect: 'image'`): an image URL, or an image, (playing) video or canvas element;
   * scaled to cover the frame, never mirrored. The background is blurred until it has loaded.
   * @default null
   */
  background?: string | CompositeSource | null;
  /**
   * Softens the person's outline over about this many pixels of the frame.
   * @default 3
   */
  feather?: number;
  /**
   * Show the picture mirrored (a selfie view).
   * @default the enclosing `<Webcam>`'s `mirrored`, else false
   */
  mirrored?: boolean;
  /**
   * Drawing path: `'auto'` takes WebGL2 on a real GPU and the 2D canvas otherwise (a software
   * renderer such as SwiftShader counts as no GPU). After a lost WebGL context the component
   * carries on with the 2D canvas.
   * @default 'auto'
   */
  renderer?: CompositorPreference;
  /** Segmentation model. @default 'selfie' */
  model?: SegmentationModelName;
  /** Temporal mask smoothing (see `SegmentationOptions.smoothing`). @default 0.7 */
  smoothing?: number;
  /** Upper bound on segmentations per second; the picture is still drawn every video frame. @default Infinity */
  maxFps?: number;
  /** `false` stops segmentation and shows the camera as it is. @default true */
  enabled?: boolean;
  /**
   * Receives the output canvas once mounted (null on unmount): pass it to `useProcessedStream`.
   * @default undefined
   */
  onCanvas?: (canvas: HTMLCanvasElement | null) => void;
  /** Accessible name of the picture. @default a sentence naming the effect */
  'aria-label'?: string;
  className?: string;
  style?: CSSProperties;
}

const LABELS: Record<BackgroundEffectName, string> = {
  blur: 'Camera with the background blurred',
  image: 'Camera with the background replaced by an image',
  color: 'Camera with the background replaced by a colour',
  none: 'Camera',
};

/** What the component renders from: status changes, not every frame (the canvas draws from results). */
const slowState = (s: SegmentationState) => ({ status: s.status, error: s.error, hasMask: s.mask !== null });

const isVideo = (s: unknown): s is HTMLVideoElement => typeof HTMLVideoElement !== 'undefined' && s instanceof HTMLVideoElement;

function sizeOf(s: CompositeSource): { width: number; height: number } {
  if (isVideo(s)) return { width: s.videoWidth, height: s.videoHeight };
  if (typeof HTMLImageElement !== 'undefined' && s instanceof HTMLImageElement) return { width: s.naturalWidth, height: s.naturalHeight };
  return { width: s.width, height: s.height };
}

/** An image URL loaded into an element (null until decoded). */
function useBackgroundImage(background: string | CompositeSource | null): CompositeSource | null {
  const [loaded, setLoaded] = useState<{ url: string; image: HTMLImageElement } | null>(null);
  const url = typeof background === 'string' ? background : null;
  useEffect(() => {
    if (!url) return undefined;
    let cancelled = false;
    const image = new Image();
    image.crossOrigin = 'anonymous';
    image.src = url;
    image.decode().then(
      () => !cancelled && setLoaded({ url, image }),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [url]);
  if (typeof background !== 'string') return background;
  return loaded?.url === url ? loaded.image : null;
}

/**
 * The camera with its background blurred or replaced, drawn into a canvas: what a video call
 * sends. Segments each frame with `useSegmentation` and composites on the GPU (WebGL2) where
 * there is a real one, on a 2D canvas otherwise. Until the first mask is known every pixel counts
 * as background, so nothing behind the person shows while the model loads.
 *
 * ```tsx
 * const camera = useWebcam({ mirrored: true });
 * <Webcam camera={camera} hidden />
 * <BackgroundEffect source={camera.video} effect="blur" mirrored />
 * ```
 */
export function BackgroundEffect(props: BackgroundEffectProps) {
  const webcam = useWebcamContext();
  const {
    source = (webcam?.webcam.video as (FrameSourceElement & CompositeSource) | null | undefined) ?? null,
    effect = 'blur',
    blur,
    color,
    background = null,
    feather,
    mirrored = webcam?.mirrored ?? false,
    renderer = 'auto',
    model,
    smoothing,
    maxFps,
    enabled = true,
    onCanvas,
    className,
    style,
  } = props;
  const segmenting = enabled && effect !== 'none';
  const segmentation = useSegmentation({ source, model, smoothing, maxFps, enabled: segmenting, select: slowState });
  const { subscribeResults } = segmentation;
  const image = useBackgroundImage(background);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [kind, setKind] = useState<CompositorKind | null>(null);
  // A lost WebGL context (a GPU reset, too many contexts) falls back to 2D on a fresh canvas.
  const [contextLost, setContextLost] = useState(false);
  const effectiveRenderer: CompositorPreference = contextLost ? '2d' : renderer;

  // Everything a frame needs, read by the render loop without restarting it.
  const composite: CompositeOptions =
    !segmenting
      ? { effect: 'none', mirrored }
      : effect === 'blur'
        ? { effect, blur, feather, mirrored }
        : effect === 'color'
          ? { effect, color, feather, mirrored }
          : { effect, image, feather, mirrored };
  const compositeRef = useRef(composite);
  const maskRef = useRef<SegmentationMask | null>(null);
  const drawRef = useRef<() => void>(() => {});
  useEffect(() => {
    compositeRef.current = composite;
    drawRef.current();
  });

  const onCanvasRef = useRef(onCanvas);
  useEffect(() => {
    onCanvasRef.current = onCanvas;
  });

  // A new source's first frames must not be cut out with the previous source's mask; a new canvas
  // for the same source (a renderer change) keeps it, since a still is segmented only once.
  useEffect(() => {
    maskRef.current = null;
  }, [source]);

  // One compositor per canvas and renderer; a canvas that has had a WebGL2 context cannot take a
  // 2D one, so a change of renderer remounts the canvas (its `key`).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const compositor: BackgroundCompositor = createBackgroundCompositor(canvas, effectiveRenderer);
    setKind(compositor.kind);
    const onContextLost = (event: Event) => {
      event.preventDefault();
      setContextLost(true);
    };
    if (compositor.kind === 'webgl2') canvas.addEventListener('webglcontextlost', onContextLost);
    onCanvasRef.current?.(canvas);
    let frameRequest = 0;
    let stopped = false;
    const draw = () => {
      if (stopped || !source) return;
      const size = sizeOf(source);
      if (!size.width || !size.height) return;
      const mask = maskRef.current;
      const options = compositeRef.current;
      compositor.render(source, size, options.effect === 'none' ? null : mask, options);
    };
    drawRef.current = draw;
    const stopResults = subscribeResults(({ mask }) => {
      maskRef.current = mask;
      if (!isVideo(source)) draw();
    });
    if (isVideo(source) && 'requestVideoFrameCallback' in source) {
      const onFrame = () => {
        draw();
        if (!stopped) frameRequest = source.requestVideoFrameCallback(onFrame);
      };
      frameRequest = source.requestVideoFrameCallback(onFrame);
      draw();
    } else if (isVideo(source)) {
      const onFrame = () => {
        draw();
        if (!stopped) frameRequest = requestAnimationFrame(onFrame);
      };
      frameRequest = requestAnimationFrame(onFrame);
    } else {
      draw();
    }
    return () => {
      stopped = true;
      if (isVideo(source) && 'cancelVideoFrameCallback' in source) source.cancelVideoFrameCallback(frameRequest);
      else cancelAnimationFrame(frameRequest);
      stopResults();
      drawRef.current = () => {};
      canvas.removeEventListener('webglcontextlost', onContextLost);
      compositor.dispose();
      onCanvasRef.current?.(null);
    };
  }, [source, effectiveRenderer, subscribeResults]);

  const status = segmenting ? segmentation.status : 'idle';
  const message =
    status === 'loading'
      ? 'Loading the segmentation model…'
      : status === 'recovering'
        ? 'Recovering the graphics backend…'
        : status === 'error'
          ? `Background effect unavailable: ${segmentation.error?.message ?? 'unknown error'}`
          : '';
  return (
    <div
      className={className}
      style={{ position: 'relative', display: 'inline-block', ...style }}
      data-webcam-ml="background-effect"
      data-effect={segmenting ? effect : 'none'}
      data-segmentation-status={status}
      data-compositor={kind ?? undefined}
      data-mask={segmentation.hasMask ? 'ready' : 'none'}
    >
      <canvas
        key={effectiveRenderer}
        ref={canvasRef}
        role="img"
        aria-label={props['aria-label'] ?? LABELS[segmenting ? effect : 'none']}
        style={{ display: 'block', width: '100%', height: '100%', objectFit: 'contain' }}
      />
      <p
        role="status"
        aria-live="polite"
        style={
          message
            ? { position: 'absolute', left: 8, bottom: 8, margin: 0, padding: '2px 8px', borderRadius: 4, background: 'rgba(0,0,0,0.6)', color: '#fff', font: '13px system-ui, sans-serif' }
            : { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }
        }
      >
        {message}
      </p>
    </div>
  );
}
