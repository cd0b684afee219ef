// Page half of bench/soak.js: usePose and useFaceInfo together on the (fake) camera, as an app
// runs them, for a long time; every interval it samples what would grow if something leaked.
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import * as tf from '@tensorflow/tfjs-core';
import { backendManager, type BackendPreference } from '@webcam-ml/core/runtime';
import type { FaceEngineOptions } from '@webcam-ml/core/face';
import { useWebcam } from '@webcam-ml/react/webcam';
import { usePose } from '@webcam-ml/react/pose';
import { useFaceInfo } from '@webcam-ml/react/face';
import { log, params, run } from '../lib/page';

interface Params {
  minutes: number;
  intervalS: number;
  backend: BackendPreference;
  face: FaceEngineOptions;
}

/** One sample; counters are cumulative since the first sample. */
export interface SoakSample {
  t: number;
  /** performance.memory.usedJSHeapSize after a full GC, MB. */
  heapMB: number | null;
  numTensors: number;
  tensorMB: number;
  liveTracks: number;
  /** Frames the camera video presented (rVFC's presentedFrames): what the models could have seen. */
  presented: number;
  pose: { processed: number; dropped: number; status: string };
  face: { processed: number; dropped: number; status: string };
}

const streams: MediaStream[] = [];
const md = navigator.mediaDevices;
const getUserMedia = md.getUserMedia.bind(md);
md.getUserMedia = async (constraints) => {
  const stream = await getUserMedia(constraints);
  streams.push(stream);
  return stream;
};
const liveTracks = () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;

const counts = { pose: 0, face: 0, presented: 0 };
let latest: { camera: string; pose: { status: string; dropped: number }; face: { status: string; dropped: number } } | null = null;

function Soak({ face }: { face: FaceEngineOptions }) {
  const cam = useWebcam();
  const pose = usePose({ source: cam.video, onPoses: () => counts.pose++ });
  const info = useFaceInfo({ ...face, source: cam.video, onResult: () => counts.face++ });
  useEffect(() => {
    const video = cam.video as (HTMLVideoElement & { requestVideoFrameCallback?: (cb: (now: number, m: { presentedFrames: number }) => void) => number; cancelVideoFrameCallback?: (h: number) => void }) | null;
    if (!video?.requestVideoFrameCallback) return;
    let handle = 0;
    const onFrame = (_now: number, m: { presentedFrames: number }) => {
      counts.presented = m.presentedFrames;
      handle = video.requestVideoFrameCallback!(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    return () => video.cancelVideoFrameCallback?.(handle);
  }, [cam.video]);
  // The soak samples the latest render from outside React: a module variable on purpose.
  // eslint-disable-next-line react-hooks/globals
  latest = {
    camera: cam.status,
    pose: { status: pose.status, dropped: pose.droppedFrames },
    face: { status: info.status, dropped: info.droppedFrames },
  };
  return <video {...cam.videoProps} style={{ width: 320 }} />;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const gc = (globalThis as { gc?: () => void }).gc;
const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;

run(async () => {
  const p = params<Params>();
  await backendManager.use(p.backend);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Soak face={p.face} />
    </StrictMode>,
  );
  const started = performance.now();
  while (!(latest?.camera === 'live' && counts.pose > 0 && counts.face > 0)) {
    if (performance.now() - started > 180_000) throw new Error(`not running after 3 minutes: ${JSON.stringify(latest)}`);
    await sleep(100);
  }
  log(`running on ${backendManager.getSnapshot().backend} after ${Math.round(performance.now() - started)} ms`);
  const base = { presented: counts.presented, pose: counts.pose, face: counts.face, poseDropped: latest.pose.dropped, faceDropped: latest.face.dropped };
  const samples: SoakSample[] = [];
  const t0 = performance.now();
  const total = p.minutes * 60;
  for (let i = 0; i * p.intervalS <= total; i++) {
    await sleep(Math.max(0, t0 + i * p.intervalS * 1000 - performance.now()));
    gc?.();
    const now = latest!;
    const sample: SoakSample = {
      t: Math.round((performance.now() - t0) / 1000),
      heapMB: memory ? Math.round((memory.usedJSHeapSize / 2 ** 20) * 10) / 10 : null,
      numTensors: tf.memory().numTensors,
      tensorMB: Math.round((tf.memory().numBytes / 2 ** 20) * 10) / 10,
      liveTracks: liveTracks(),
      presented: counts.presented - base.presented,
      pose: { processed: counts.pose - base.pose, dropped: now.pose.dropped - base.poseDropped, status: now.pose.status },
      face: { processed: counts.face - base.face, dropped: now.face.dropped - base.faceDropped, status: now.face.status },
    };
    samples.push(sample);
    log(JSON.stringify(sample));
  }
  return { backend: backendManager.getSnapshot().backend, face: p.face, intervalS: p.intervalS, samples };
});
