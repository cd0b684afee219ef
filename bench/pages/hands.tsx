// Bench page for `npm run bench:hands`: useHands in a React page against bare Human's hand
// pipeline, on the same seeked frames, same backend, alternating which runs first; then the hook's
// engine with the tracking off (reset before every frame: the detector runs on each). See bench/hands.js.
import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useHands } from '@webcam-ml/react/hands';
import type { HandsEngine, HandsResult } from '@webcam-ml/core/hands';
import { backendManager, type BackendName } from '@webcam-ml/core/runtime';
import { fileUrl, frameCount, loadImage, loadVideo, log, mainRuntime, mean, median, params, run, seekFrame } from '../lib/page';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { createBareHands } from '../lib/bareHands';

interface Params {
  video?: string;
  image?: string;
  backend: BackendName;
  model: 'lite' | 'full';
  detector: 'handtrack' | 'palm';
  maxHands: number;
  runs: number;
  imageRepeats: number;
  maxFrames?: number | null;
}

const FPS = 25;

function HookProbe({ model, detector, maxHands, onEngine }: { model: 'lite' | 'full'; detector: 'handtrack' | 'palm'; maxHands: number; onEngine: (e: HandsEngine) => void }) {
  const hands = useHands({ source: null, model, detector, maxHands });
  useLayoutEffect(() => {
    onEngine(hands.engine);
  }, [hands.engine, onEngine]);
  return <p>{hands.status}</p>;
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const asJson = ({ hands }: HandsResult) => ({
  hands: hands.map((h) => ({
    handedness: h.handedness,
    score: round(h.score),
    keypoints: h.keypoints.map((k) => ({ name: k.name, x: round(k.x), y: round(k.y) })),
    gestures: h.gestures.map((g) => ({ name: g.name, score: round(g.score) })),
  })),
});

run(async () => {
  const p = params<Params>();
  const backend = await backendManager.use(p.backend);
  if (backend !== p.backend) throw new Error(`backend ${p.backend} could not start (got ${backend}): ${backendManager.getSnapshot().reason}`);
  const media = p.video ? await loadVideo(fileUrl(p.video)) : await loadImage(fileUrl(p.image!));
  const isVideo = media instanceof HTMLVideoElement;
  const frames = isVideo ? Math.min(frameCount(media, FPS), p.maxFrames ?? Infinity) : p.imageRepeats;
  log(`${backend} ${p.model}, ${isVideo ? `${frames} frames` : `image x${frames}`}`);

  let engine: HandsEngine | null = null;
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <StrictMode>
      <WebcamMLProvider runtime={mainRuntime}>
        <HookProbe model={p.model} detector={p.detector} maxHands={p.maxHands} onEngine={(e) => (engine = e)} />
      </WebcamMLProvider>
    </StrictMode>,
  );
  while (!engine) await new Promise((r) => setTimeout(r, 10));
  const hook: HandsEngine = engine;
  await hook.ready();
  const bare = await createBareHands(backend, p.model, p.maxHands);

  const out: ReturnType<typeof asJson>[] = [];
  const hookMs: number[] = [];
  const bareMs: number[] = [];
  const detectMs: number[] = [];
  let passesBefore = { ...hook.passCounts };
  for (let r = 0; r <= p.runs; r++) {
    // Pass 0 warms up (untimed); the first timed pass also collects the results. A still image is
    // estimated on its own each time (no timestamps); a video is tracked frame to frame.
    hook.reset();
    if (r === 1) passesBefore = { ...hook.passCounts };
    for (let i = 0; i < (r === 0 ? Math.min(frames, 5) : frames); i++) {
      if (isVideo) await seekFrame(media, i, FPS);
      const ts = isVideo ? (i * 1000) / FPS : undefined;
      let result: HandsResult | null = null;
      const runHook = async () => {
        const t0 = performance.now();
        result = await hook.estimate(media, ts);
        if (r > 0) hookMs.push(performance.now() - t0);
      };
      const runBare = async () => {
        const t0 = performance.now();
        await bare.detect(media);
        if (r > 0) bareMs.push(performance.now() - t0);
      };
      if (i % 2 === 0) {
        await runHook();
        await runBare();
      } else {
        await runBare();
        await runHook();
      }
      if (r === 1 && (isVideo || i === 0)) out.push(asJson(result!));
    }
    if (r > 0) log(`pass ${r}/${p.runs}: hook ${mean(hookMs).toFixed(2)} ms, bare ${mean(bareMs).toFixed(2)} ms`);
  }
  // Passes of the first timed pass (with more runs, of all timed passes).
  const tracked = { detector: hook.passCounts.detector - passesBefore.detector, landmarks: hook.passCounts.landmarks - passesBefore.landmarks };
  // The same engine with its tracking off: reset before every frame, so the detector runs on each
  // and every hand costs two landmark passes (the detector's box, then the landmarks' own ROI).
  for (let i = 0; i < frames; i++) {
    if (isVideo) await seekFrame(media, i, FPS);
    hook.reset();
    const t0 = performance.now();
    await hook.estimate(media, isVideo ? (i * 1000) / FPS : undefined);
    detectMs.push(performance.now() - t0);
  }
  bare.dispose();
  root.unmount();
  return {
    frames: out,
    msPerFrame: { hook: round(mean(hookMs)), bare: round(mean(bareMs)) },
    meta: {
      backend,
      model: p.model,
      detector: p.detector,
      maxHands: p.maxHands,
      framesPerPass: frames,
      runs: p.runs,
      msPerFrame: { detectEveryFrame: round(mean(detectMs)) },
      medianMsPerFrame: { hook: round(median(hookMs)), bare: round(median(bareMs)), detectEveryFrame: round(median(detectMs)) },
      passes: { tracked },
    },
  };
});
