// Bench page for `npm run bench:pose`: usePose in a React page against the bare pose-detection
// loop, on the same seeked frames, same backend, alternating which runs first. See bench/pose.js.
import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { usePose } from '@webcam-ml/react/pose';
import type { Pose, PoseEngine, PoseModelName } from '@webcam-ml/core/pose';
import { backendManager, resolveModelUrl, type BackendName } from '@webcam-ml/core/runtime';
import { fileUrl, frameCount, frameTimestamp, loadImage, loadVideo, log, params, run, seekFrame } from '../lib/page';

interface Params {
  video?: string;
  image?: string;
  backend: BackendName;
  model: Extract<PoseModelName, 'lightning' | 'thunder' | 'multipose'>;
  runs: number;
  imageRepeats: number;
  /** With a video: only the first n frames (null: all). */
  maxFrames?: number | null;
}

interface FrameOut {
  poses: { score: number; keypoints: { name: string; x: number; y: number; score: number }[] }[];
}

const MODEL_TYPES = {
  lightning: { type: 'SinglePose.Lightning', file: 'pose/movenet-lightning.json' },
  thunder: { type: 'SinglePose.Thunder', file: 'pose/movenet-thunder.json' },
  multipose: { type: 'MultiPose.Lightning', file: 'pose/movenet-multipose.json' },
} as const;

/** The hook under test; reports each React commit of a new result. */
function HookProbe({ model, onEngine, onCommit }: { model: Params['model']; onEngine: (e: PoseEngine) => void; onCommit: (ts: number | null, poses: Pose[]) => void }) {
  const pose = usePose({ source: null, model });
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

async function mountHook(model: Params['model']) {
  let engine: PoseEngine | null = null;
  let waiter: { ts: number | null; resolve: () => void } | null = null;
  const onCommit = (ts: number | null) => {
    if (waiter && ts === waiter.ts) {
      const w = waiter;
      waiter = null;
      w.resolve();
    }
  };
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <StrictMode>
      <HookProbe model={model} onEngine={(e) => (engine = e)} onCommit={onCommit} />
    </StrictMode>,
  );
  while (!engine) await new Promise((r) => setTimeout(r, 10));
  const e: PoseEngine = engine;
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

async function bareDetector(model: Params['model']) {
  const m = MODEL_TYPES[model];
  const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
    modelType: m.type,
    modelUrl: resolveModelUrl(m.file),
  });
  const blank = tf.zeros([256, 256, 3], 'int32') as tf.Tensor3D;
  await detector.estimatePoses(blank, undefined, 0);
  blank.dispose();
  return detector;
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const mean = (v: number[]) => v.reduce((sum, x) => sum + x, 0) / v.length;
const median = (v: number[]) => {
  const sorted = [...v].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

run(async () => {
  const p = params<Params>();
  const backend = await backendManager.use(p.backend);
  if (backend !== p.backend) throw new Error(`backend ${p.backend} could not start (got ${backend}): ${backendManager.getSnapshot().reason}`);
  const media = p.video ? await loadVideo(fileUrl(p.video)) : await loadImage(fileUrl(p.image!));
  const isVideo = media instanceof HTMLVideoElement;
  const frames = isVideo ? Math.min(frameCount(media), p.maxFrames ?? Infinity) : p.imageRepeats;
  const size = isVideo ? `${media.videoWidth}x${media.videoHeight}` : `${media.naturalWidth}x${media.naturalHeight}`;
  log(`${backend}, ${p.model}, ${isVideo ? `${frames} frames` : `image x${frames}`} of ${size}`);
  // Load: the hook from mount to ready (download, decode, warm-up through the model cache); the
  // bare detector's first createDetector + warm-up is timed in the first (untimed) pass below.
  const loadStarted = performance.now();
  const hook = await mountHook(p.model);
  const hookLoadMs = performance.now() - loadStarted;
  let bareLoadMs: number | null = null;

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
    const detectorStarted = performance.now();
    const detector = await bareDetector(p.model);
    bareLoadMs ??= performance.now() - detectorStarted;
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
    loadMs: { hook: Math.round(hookLoadMs), bare: Math.round(bareLoadMs ?? NaN) },
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
