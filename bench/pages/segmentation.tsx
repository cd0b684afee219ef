// Bench page for `npm run bench:segmentation`: useSegmentation in a React page against the bare
// selfie graph model, on the same seeked frames, same backend, alternating which runs first; then
// the compositor on the hook's masks. See bench/segmentation.js.
import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { useSegmentation } from '@webcam-ml/react/segmentation';
import { createBackgroundCompositor, maskIoU, type SegmentationEngine, type SegmentationMask } from '@webcam-ml/core/segmentation';
import { backendManager, resolveModelUrl, type BackendName } from '@webcam-ml/core/runtime';
import { fileUrl, frameCount, frameTimestamp, loadImage, loadVideo, log, mainRuntime, mean, median, params, run, seekFrame } from '../lib/page';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { bareSelfieMask, expectedMask, maskAt } from '../lib/segmentationMasks';

interface Params {
  video?: string;
  image?: string;
  expected?: string;
  backend: BackendName;
  runs: number;
  imageRepeats: number;
  maxFrames?: number | null;
  maskOut: boolean;
}

function HookProbe({ onEngine }: { onEngine: (e: SegmentationEngine) => void }) {
  const seg = useSegmentation({ source: null, smoothing: 0 });
  useLayoutEffect(() => {
    onEngine(seg.engine);
  }, [seg.engine, onEngine]);
  return <p>{seg.status}</p>;
}

const probe = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
function readBack(source: HTMLCanvasElement): void {
  probe.drawImage(source, 0, 0, 1, 1, 0, 0, 1, 1);
  probe.getImageData(0, 0, 1, 1);
}

const round = (v: number) => Math.round(v * 1000) / 1000;
run(async () => {
  const p = params<Params>();
  const backend = await backendManager.use(p.backend);
  if (backend !== p.backend) throw new Error(`backend ${p.backend} could not start (got ${backend}): ${backendManager.getSnapshot().reason}`);
  const media = p.video ? await loadVideo(fileUrl(p.video)) : await loadImage(fileUrl(p.image!));
  const isVideo = media instanceof HTMLVideoElement;
  const width = isVideo ? media.videoWidth : media.naturalWidth;
  const height = isVideo ? media.videoHeight : media.naturalHeight;
  const frames = isVideo ? Math.min(frameCount(media), p.maxFrames ?? Infinity) : p.imageRepeats;
  log(`${backend}, ${isVideo ? `${frames} frames` : `image x${frames}`} of ${width}x${height}`);

  let engine: SegmentationEngine | null = null;
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <StrictMode>
      <WebcamMLProvider runtime={mainRuntime}>
        <HookProbe onEngine={(e) => (engine = e)} />
      </WebcamMLProvider>
    </StrictMode>,
  );
  while (!engine) await new Promise((r) => setTimeout(r, 10));
  const hook: SegmentationEngine = engine;
  await hook.ready();
  const graph = await loadGraphModel(resolveModelUrl('segmentation/selfie.json'));
  const expected = p.expected ? await expectedMask(fileUrl(p.expected)) : null;
  const canvas = document.createElement('canvas');
  const compositor = createBackgroundCompositor(canvas, 'auto');
  log(`compositor: ${compositor.kind}`);

  const out: { maskWidth: number; maskHeight: number; personFraction: number; iou: number | null }[] = [];
  const hookMs: number[] = [];
  const bareMs: number[] = [];
  const compositeMs: number[] = [];
  let firstMask: SegmentationMask | null = null;
  for (let r = 0; r <= p.runs; r++) {
    // Pass 0 warms up (untimed); the first timed pass also collects the masks.
    for (let i = 0; i < (r === 0 ? Math.min(frames, 5) : frames); i++) {
      if (isVideo) await seekFrame(media, i);
      const ts = isVideo ? frameTimestamp(i) : undefined;
      let mask: SegmentationMask | null = null;
      const runHook = async () => {
        const t0 = performance.now();
        mask = (await hook.estimate(media, ts)).mask;
        if (r > 0) hookMs.push(performance.now() - t0);
      };
      const runBare = async () => {
        const t0 = performance.now();
        await bareSelfieMask(graph, media);
        if (r > 0) bareMs.push(performance.now() - t0);
      };
      if (i % 2 === 0) {
        await runHook();
        await runBare();
      } else {
        await runBare();
        await runHook();
      }
      const m = mask as SegmentationMask | null;
      if (!m) throw new Error('no mask');
      const t0 = performance.now();
      compositor.render(media, { width, height }, m, { effect: 'blur' });
      // Read one pixel back: the canvas's queued drawing must finish, as a captured stream's would.
      readBack(canvas);
      if (r > 0) compositeMs.push(performance.now() - t0);
      if (r === 1 && (isVideo || i === 0)) {
        firstMask ??= m;
        const iou = expected ? maskIoU(maskAt(m, expected.width, expected.height), expected.data) : null;
        out.push({ maskWidth: m.width, maskHeight: m.height, personFraction: round(m.personFraction()), iou: iou === null ? null : round(iou) });
      }
    }
    if (r > 0) log(`pass ${r}/${p.runs}: hook ${mean(hookMs).toFixed(2)} ms, bare ${mean(bareMs).toFixed(2)} ms, composite ${mean(compositeMs).toFixed(2)} ms`);
  }
  let maskPng: number[] | null = null;
  if (p.maskOut && firstMask) {
    const grey = maskAt(firstMask, width, height);
    maskPng = Array.from(grey, (v) => Math.round(v * 255));
  }
  compositor.dispose();
  graph.dispose();
  root.unmount();
  return {
    frames: out,
    msPerFrame: { hook: round(mean(hookMs)), bare: round(mean(bareMs)), composite: round(mean(compositeMs)) },
    meta: {
      backend,
      compositor: compositor.kind,
      source: `${width}x${height}`,
      framesPerPass: frames,
      runs: p.runs,
      medianMsPerFrame: { hook: round(median(hookMs)), bare: round(median(bareMs)), composite: round(median(compositeMs)) },
    },
    maskGrey: maskPng && { width, height, data: maskPng },
  };
});
