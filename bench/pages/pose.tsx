// Bench page for `npm run bench:pose`: usePose in a React page against the bare pose-detection
// loop, on the same seeked frames, same backend, alternating which runs first. See bench/pose.js.
import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { usePose } from '@webcam-ml/react/pose';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import type { Pose, PoseEngine, PoseModelName } from '@webcam-ml/core/pose';
import { backendManager, resolveModelUrl, type BackendName, type Runtime } from '@webcam-ml/core/runtime';
import { compareLoads, hookLoader, fileUrl, frameCount, frameTimestamp, loadImage, loadVideo, log, mainRuntime, mean, median, params, run, seekFrame } from '../lib/page';

interface Params {
  video?: string;
  image?: string;
  backend: BackendName;
  model: Extract<PoseModelName, 'lightning' | 'thunder' | 'multipose'>;
  runs: number;
  imageRepeats: number;
  /** With a video: only the first n frames (null: all). */
  maxFrames?: number | null;
  /** Cold load rounds, hook and bare alternating (bench/lib/page.ts compareLoads). */
  loadRounds: number;
}

interface FrameOut {
  poses: { score: number; keypoints: { name: string; x: number; y: number; score: number }[] }[];
}

const MODEL_TYPES = {
  lightning: { type: 'SinglePose.Lightning', file: 'pose/movenet-lightning.json' },
  thunder: { type: 'SinglePose.Thunder', file: 'pose/movenet-thunder.json' },
  multipose: { type: 'MultiPose.Lightning', file: 'pose/movenet-multipose.json' },
} as const;

/** Renders of every HookProbe (the load rounds read it). */
const renders = { count: 0 };

/** The hook under test; reports each React commit of a new result. */
function HookProbe({ model, onEngine, onCommit }: { model: Params['model']; onEngine: (e: PoseEngine) => void; onCommit: (ts: number | null, poses: Pose[]) => void }) {
  const pose = usePose({ source: null, model });
  // A benchmark counts renders in a module variable on purpose.
  // eslint-disable-next-line react-hooks/immutability
  renders.count++;
  useLayoutEffect(() => {
    onEngine(pose.engine);
  }, [pose.engine, onEngine]);
  useLayoutEffect(() => {
    if (pose.timestamp !== null || pose.poses.length) onCommit(pose.timestamp, pose.poses);
  }, [pose.timestamp, pose.poses, onCommit]);
  return (
    <p>
      {pose.status} {pose.backend} {pose.poses.length} poses
    </p>
  );
}

/**
 * Mount usePose under StrictMode and wait until its engine is ready. With `runtime`, inside a
 * `<WebcamMLProvider>` on it (the cold load rounds); without, on the page's runtime.
 */
async function mountHook(model: Params['model'], runtime?: Runtime) {
  let gotEngine: (e: PoseEngine) => void = () => {};
  const engineMounted = new Promise<PoseEngine>((resolve) => (gotEngine = resolve));
  let waiter: { ts: number | null; resolve: () => void } | null = null;
  const onCommit = (ts: number | null) => {
    if (waiter && ts === waiter.ts) {
      const w = waiter;
      waiter = null;
      w.resolve();
    }
  };
  const root = createRoot(document.getElementById('root')!);
  const probe = <HookProbe model={model} onEngine={gotEngine} onCommit={onCommit} />;
  root.render(
    <StrictMode>
      {runtime ? (
        <WebcamMLProvider runtime={runtime}>
          {probe}
        </WebcamMLProvider>
      ) : (
        probe
      )}
    </StrictMode>,
  );
  const e = await engineMounted;
  await e.ready();
  return {
    engine: e,
    /** One frame the way the frame loop hands it over: a pixel tensor read once, then estimate(). */
    async frame(source: HTMLVideoElement | HTMLImageElement, ts: number | undefined): Promise<Pose[]> {
      const committed = new Promise<void>((resolve) => (waiter = { ts: ts ?? null, resolve }));
      const pixels = tf.browser.fromPixels(source);
      try {
        const { poses } = await e.estimate(pixels, ts);
        // The same timestamp twice (image repeats) commits nothing new: do not wait for it.
        if (ts === undefined) waiter = null;
        else await committed;
        return poses;
      } finally {
        pixels.dispose();
      }
    },
    unmount: () => root.unmount(),
  };
}

/** The bare library as its README shows it, loading from `modelBaseUrl`, plus the same blank warm-up as the hook's. */
async function bareDetector(model: Params['model'], modelBaseUrl?: string, marks: Record<string, number> = {}) {
  const m = MODEL_TYPES[model];
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
    modelType: m.type,
    modelUrl: resolveModelUrl(m.file, modelBaseUrl),
  });
  marks.decoded = performance.now();
  const blank = tf.zeros([256, 256, 3], 'int32') as tf.Tensor3D;
  await detector.estimatePoses(blank, undefined, 0);
  blank.dispose();
  return detector;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

run(async () => {
  const p = params<Params>();
  const backend = await backendManager.use(p.backend);
  if (backend !== p.backend) throw new Error(`backend ${p.backend} could not start (got ${backend}): ${backendManager.getSnapshot().reason}`);
  const media = p.video ? await loadVideo(fileUrl(p.video)) : await loadImage(fileUrl(p.image!));
  const isVideo = media instanceof HTMLVideoElement;
  const frames = isVideo ? Math.min(frameCount(media), p.maxFrames ?? Infinity) : p.imageRepeats;
  const size = isVideo ? `${media.videoWidth}x${media.videoHeight}` : `${media.naturalWidth}x${media.naturalHeight}`;
  log(`${backend}, ${p.model}, ${isVideo ? `${frames} frames` : `image x${frames}`} of ${size}`);
  // Load: cold (a fresh no-store folder URL per load), alternating hook and bare. The hook from
  // mount to its engine's ready() (manifest, download, verification, decode, warm-up); the bare
  // library from createDetector to the end of the same blank warm-up.
  const load = await compareLoads(p.loadRounds, {
    hook: hookLoader((runtime) => mountHook(p.model, runtime), renders),
    bare: async (base) => {
      const marks: Record<string, number> = {};
      const detector = await bareDetector(p.model, base, marks);
      return { unload: () => detector.dispose(), marks };
    },
  });
  log(`load median of ${p.loadRounds}: hook ${load.median.hook.toFixed(0)} ms, bare ${load.median.bare.toFixed(0)} ms (hook/bare ${load.ratio.toFixed(2)})`);
  const hook = await mountHook(p.model, mainRuntime);

  const goto = async (i: number) => {
    if (isVideo) await seekFrame(media, i);
  };
  const ts = (i: number) => (isVideo ? frameTimestamp(i) : undefined);

  const toOut = (poses: Pose[]): FrameOut => ({
    poses: poses.map((pose) => ({
      score: round(pose.score),
      keypoints: pose.keypoints.map((k) => ({ name: k.name, x: round(k.x), y: round(k.y), score: round(k.score) })),
    })),
  });

  /**
   * One pass over the frames. Each frame is seeked once, then given to the hook and to the bare
   * detector, in alternating order (hook first on even frames), so both meet the same machine load.
   * Both start the pass with fresh tracking and smoothing state.
   */
  const pass = async (count: number, collect?: { hook: FrameOut[]; bare: poseDetection.Pose[][] }) => {
    hook.engine.reset();
    const detector = await bareDetector(p.model);
    const hookMs: number[] = [];
    const bareMs: number[] = [];
    try {
      for (let i = 0; i < count; i++) {
        await goto(i);
        const runHook = async () => {
          const t0 = performance.now();
          const poses = await hook.frame(media, ts(i));
          hookMs.push(performance.now() - t0);
          if (collect && (isVideo || i === 0)) collect.hook.push(toOut(poses));
        };
        const runBare = async () => {
          const t0 = performance.now();
          const poses = await detector.estimatePoses(media, undefined, ts(i));
          bareMs.push(performance.now() - t0);
          if (collect && (isVideo || i === 0)) collect.bare.push(poses);
        };
        if (i % 2 === 0) {
          await runHook();
          await runBare();
        } else {
          await runBare();
          await runHook();
        }
      }
    } finally {
      detector.dispose();
    }
    return { hookMs, bareMs };
  };

  await pass(Math.min(frames, 10));
  const collected = { hook: [] as FrameOut[], bare: [] as poseDetection.Pose[][] };
  const hookMs: number[] = [];
  const bareMs: number[] = [];
  for (let r = 0; r < p.runs; r++) {
    const times = await pass(frames, r === 0 ? collected : undefined);
    hookMs.push(...times.hookMs);
    bareMs.push(...times.bareMs);
    log(`pass ${r + 1}/${p.runs}: hook ${mean(times.hookMs).toFixed(2)} ms/frame, bare ${mean(times.bareMs).toFixed(2)} ms/frame`);
  }
  let maxDiff = 0;
  collected.hook.forEach((f, i) => {
    // The hook lists poses best first; the bare detector in model order.
    const bare = [...collected.bare[i]].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    if (f.poses.length !== bare.length) maxDiff = Infinity;
    f.poses.forEach((pose, j) =>
      pose.keypoints.forEach((k, n) => {
        const b = bare[j]?.keypoints[n];
        maxDiff = Math.max(maxDiff, b ? Math.hypot(b.x - k.x, b.y - k.y) : Infinity);
      }),
    );
  });
  log(`largest hook vs bare keypoint difference: ${maxDiff.toFixed(3)} px`);
  hook.unmount();
  const hookMean = mean(hookMs);
  const bareMean = mean(bareMs);
  return {
    frames: collected.hook,
    msPerFrame: { hook: round(hookMean), bare: round(bareMean) },
    loadMs: { hook: Math.round(load.median.hook), bare: Math.round(load.median.bare), ratio: load.ratio },
    load,
    meta: {
      backend,
      model: p.model,
      source: size,
      framesPerPass: frames,
      runs: p.runs,
      medianMsPerFrame: { hook: round(median(hookMs)), bare: round(median(bareMs)) },
      overheadPercent: round(((hookMean - bareMean) / bareMean) * 100),
      maxKeypointDifferencePx: round(maxDiff),
    },
  };
});
