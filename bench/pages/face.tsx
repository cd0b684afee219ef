// Page half of bench/face.js: useFaceInfo (through its engine's `estimate`, the frame loop's code
// path, with the React render of every result) vs the bare face-api loop, same frames, alternating.
import { StrictMode, useEffect, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import * as tf from '@tensorflow/tfjs-core';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { backendManager, type FrameSourceElement, type Runtime } from '@webcam-ml/core/runtime';
import type { FaceEngine, FaceEngineOptions, FaceInfo } from '@webcam-ml/core/face';
import { FaceInfoOverlay, useFaceInfo } from '@webcam-ml/react/face';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { compareLoads, hookLoader, fileUrl, frameCount, frameTimestamp, loadImage, loadVideo, log, mainRuntime, mean, median, params, run, seekFrame } from '../lib/page';

interface Params {
  kind: 'video' | 'image';
  file: string;
  backend: 'wasm' | 'cpu' | 'webgl';
  options: Required<Pick<FaceEngineOptions, 'detector' | 'inputSize' | 'scoreThreshold' | 'maxFaces' | 'smoothing'>> & { withLandmarks: 'full' | 'tiny' };
  fps: number;
  maxFrames: number | null;
  repeats: number;
  /** Cold load rounds, hook and bare alternating (bench/lib/page.ts compareLoads). */
  loadRounds: number;
}

type Listener = (faces: readonly FaceInfo[]) => void;
const committed = new Set<Listener>();

/** The hook as an app uses it; every result is rendered (an overlay), as in a real page. */
// From the render a result triggers to its commit, per frame.
let renderStart = 0;
const reactMs: number[] = [];
/** Renders of every Harness (the load rounds read it). */
const renders = { count: 0 };
function Harness({ options, onReady }: { options: FaceEngineOptions; onReady: (engine: FaceEngine) => void }) {
  // A benchmark measures the render itself, so it reads the clock and writes module variables here.
  // eslint-disable-next-line react-hooks/globals, react-hooks/purity
  renderStart = renderStart || performance.now();
  const face = useFaceInfo({ ...options, withExpressions: true, withAgeAndGender: true });
  // eslint-disable-next-line react-hooks/immutability
  renders.count++;
  useEffect(() => {
    if (face.status === 'ready') onReady(face.engine);
  }, [face.status, face.engine, onReady]);
  useLayoutEffect(() => {
    reactMs.push(performance.now() - renderStart);
    renderStart = 0;
    for (const listener of [...committed]) listener(face.faces);
  }, [face.faces]);
  return (
    <div style={{ position: 'relative', width: 640, height: 480 }}>
      <FaceInfoOverlay faces={face.faces} frameSize={face.frameSize} />
      <p>{face.faces.length} faces</p>
    </div>
  );
}

/**
 * Mount the hook (under StrictMode, on `runtime` through a provider when given, else on the page's
 * runtime) and resolve once it reports `status: 'ready'`.
 */
async function mountFace(options: FaceEngineOptions, runtime?: Runtime) {
  let onReady: (engine: FaceEngine) => void = () => {};
  const ready = new Promise<FaceEngine>((resolve) => (onReady = resolve));
  const host = document.createElement('div');
  document.getElementById('root')!.append(host);
  const root = createRoot(host);
  const harness = <Harness options={options} onReady={onReady} />;
  root.render(<StrictMode>{runtime ? <WebcamMLProvider runtime={runtime}>{harness}</WebcamMLProvider> : harness}</StrictMode>);
  const engine = await ready;
  return {
    engine,
    unmount: () => {
      root.unmount();
      host.remove();
    },
  };
}

type LoadableNet = { loadFromUri: (uri: string) => Promise<void>; dispose: (throwOnRedispose?: boolean) => void };

/**
 * The bare library's nets for `options`, loaded from `${modelBaseUrl}face/` the way its README
 * shows, then each warmed up once on a blank frame, as the hook's model specs do
 * (packages/core/src/face/faceModels.ts), so both sides do the same work before ready.
 */
async function loadBareNets(options: Params['options'], modelBaseUrl: string) {
  const detector = options.detector === 'ssd' ? new faceapi.SsdMobilenetv1() : new faceapi.TinyFaceDetector();
  const landmarks = options.withLandmarks === 'tiny' ? new faceapi.FaceLandmark68TinyNet() : new faceapi.FaceLandmark68Net();
  const expressions = new faceapi.FaceExpressionNet();
  const ageGender = new faceapi.AgeGenderNet();
  const nets: LoadableNet[] = [detector, landmarks, expressions, ageGender];
  await Promise.all(nets.map((net) => net.loadFromUri(`${modelBaseUrl}face/`)));
  const decoded = performance.now();
  const blank = tf.zeros<tf.Rank.R3>([64, 64, 3], 'int32');
  const input = blank as unknown as faceapi.TNetInput;
  try {
    if (detector instanceof faceapi.SsdMobilenetv1) await detector.locateFaces(input, new faceapi.SsdMobilenetv1Options());
    else await detector.locateFaces(input, new faceapi.TinyFaceDetectorOptions({ inputSize: 224 }));
    await landmarks.detectLandmarks(input);
    await expressions.predictExpressions(input);
    await ageGender.predictAgeAndGender(input);
  } finally {
    blank.dispose();
  }
  return { decoded, dispose: () => nets.forEach((net) => net.dispose(false)) };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

run(async () => {
  const p = params<Params>();
  await backendManager.use(p.backend);
  const media: HTMLVideoElement | HTMLImageElement = p.kind === 'video' ? await loadVideo(fileUrl(p.file)) : await loadImage(fileUrl(p.file));
  const source = media as FrameSourceElement;
  const backend = backendManager.getSnapshot().backend;
  log(`backend ${backend}, ${p.kind} ${p.file}`);

  // Load: cold (a fresh no-store folder URL per load), alternating hook and bare. The hook from
  // mount to `status: 'ready'` (manifest, download, verification, decode, warm-up of each net);
  // the bare library from loadFromUri to the end of the same warm-ups.
  const load = await compareLoads(p.loadRounds, {
    hook: hookLoader((runtime) => mountFace(p.options, runtime), renders),
    bare: async (base) => {
      const nets = await loadBareNets(p.options, base);
      return { unload: nets.dispose, marks: { decoded: nets.decoded } };
    },
  });
  log(`load median of ${p.loadRounds}: hook ${load.median.hook.toFixed(0)} ms, bare ${load.median.bare.toFixed(0)} ms (hook/bare ${load.ratio.toFixed(2)})`);
  const { engine } = await mountFace(p.options, mainRuntime);
  reactMs.length = 0;

  // The bare library for the frames, as its README shows it: the global nets, from the same files.
  const nets: { loadFromUri: (uri: string) => Promise<void> }[] = [faceapi.nets.faceExpressionNet, faceapi.nets.ageGenderNet];
  nets.push(p.options.detector === 'ssd' ? faceapi.nets.ssdMobilenetv1 : faceapi.nets.tinyFaceDetector);
  nets.push(p.options.withLandmarks === 'tiny' ? faceapi.nets.faceLandmark68TinyNet : faceapi.nets.faceLandmark68Net);
  await Promise.all(nets.map((net) => net.loadFromUri('/models/face/')));
  const detectorOptions =
    p.options.detector === 'ssd'
      ? new faceapi.SsdMobilenetv1Options({ minConfidence: p.options.scoreThreshold, maxResults: p.options.maxFaces })
      : new faceapi.TinyFaceDetectorOptions({ inputSize: p.options.inputSize, scoreThreshold: p.options.scoreThreshold });
  const bare = async () => {
    const pixels = tf.browser.fromPixels(media);
    try {
      return await faceapi
        .detectAllFaces(pixels as unknown as faceapi.TNetInput, detectorOptions)
        .withFaceLandmarks(p.options.withLandmarks === 'tiny')
        .withFaceExpressions()
        .withAgeAndGender();
    } finally {
      pixels.dispose();
    }
  };
  const blank = tf.zeros<tf.Rank.R3>([64, 64, 3], 'int32');
  await faceapi.detectAllFaces(blank as unknown as faceapi.TNetInput, detectorOptions).withFaceLandmarks().withFaceExpressions().withAgeAndGender();
  blank.dispose();

  const hook = async (timestamp: number) => {
    const rendered = new Promise<void>((resolve) => {
      const listener: Listener = () => {
        committed.delete(listener);
        resolve();
      };
      committed.add(listener);
    });
    const result = await engine.estimate(source, timestamp);
    await rendered;
    return result;
  };

  const total = p.kind === 'video' ? frameCount(media as HTMLVideoElement, p.fps) : 1;
  const count = p.maxFrames ? Math.min(total, p.maxFrames) : total;
  const show = async (i: number) => {
    if (p.kind === 'video') await seekFrame(media as HTMLVideoElement, i, p.fps);
  };
  const timestampOf = (i: number, pass: number) => frameTimestamp(pass * count + i, p.fps);

  // Warm both paths on the first frame (untimed).
  // The warm-up frame is stamped in the far future, so the first timed frame (earlier) starts
  // the tracker afresh: ids and smoothing begin at frame 0 as they would on a fresh page.
  await show(0);
  await hook(Number.MAX_SAFE_INTEGER);
  await bare();

  const frames: { faces: unknown[] }[] = [];
  const hookMs: number[] = [];
  const bareMs: number[] = [];
  const passes = p.kind === 'image' ? p.repeats * 10 : p.repeats;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < count; i++) {
      await show(i);
      const order = (i + pass) % 2 === 0 ? (['hook', 'bare'] as const) : (['bare', 'hook'] as const);
      for (const which of order) {
        const t0 = performance.now();
        if (which === 'bare') {
          await bare();
          bareMs.push(performance.now() - t0);
          continue;
        }
        const result = await hook(timestampOf(i, pass));
        hookMs.push(performance.now() - t0);
        if (pass === 0) {
          frames.push({
            faces: result.faces.map((f) => ({
              id: f.id,
              box: { x: round(f.box.x), y: round(f.box.y), width: round(f.box.width), height: round(f.box.height) },
              score: round(f.score, 4),
              age: f.age === null ? null : round(f.age),
              gender: f.gender,
              genderProbability: f.genderProbability === null ? null : round(f.genderProbability, 4),
              expressions: f.expressions && Object.fromEntries(Object.entries(f.expressions).map(([k, v]) => [k, round(v, 4)])),
            })),
          });
        }
      }
    }
    log(`pass ${pass + 1}/${passes}: hook ${median(hookMs).toFixed(1)} ms, bare ${median(bareMs).toFixed(1)} ms (median so far)`);
  }

  const msPerFrame = { hook: round(median(hookMs)), bare: round(median(bareMs)) };
  return {
    frames,
    msPerFrame,
    meanMsPerFrame: { hook: round(mean(hookMs)), bare: round(mean(bareMs)) },
    overhead: round(msPerFrame.hook / msPerFrame.bare - 1, 4),
    loadMs: { hook: round(load.median.hook, 0), bare: round(load.median.bare, 0), ratio: load.ratio },
    load,
    samples: { hook: hookMs.length, bare: bareMs.length },
    // React's share of the hook's time: render to commit of each result (development build).
    reactRenderMs: round(median(reactMs), 3),
    backend,
    tfjs: tf.version_core,
    options: p.options,
    frameCount: count,
    sourceSize: p.kind === 'video' ? { width: (media as HTMLVideoElement).videoWidth, height: (media as HTMLVideoElement).videoHeight } : { width: (media as HTMLImageElement).naturalWidth, height: (media as HTMLImageElement).naturalHeight },
  };
});
