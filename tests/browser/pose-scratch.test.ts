import { it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as pd from '@tensorflow-models/pose-detection';

async function seek(video: HTMLVideoElement, t: number) {
  await new Promise<void>((r) => { video.onseeked = () => r(); video.currentTime = t; });
}

it('bare movenet on wasm', async () => {
  setWasmPaths('/models/wasm/');
  await tf.setBackend('wasm'); await tf.ready();
  const det = await pd.createDetector(pd.SupportedModels.MoveNet, { modelType: 'SinglePose.Lightning', modelUrl: '/models/pose/movenet-lightning.json' });
  const expected = await (await fetch('/fixtures/pose/pose_1.json')).json();
  const video = document.createElement('video');
  video.muted = true; video.src = '/fixtures/pose/pose_1.mp4'; video.preload = 'auto';
  await new Promise((r) => { video.onloadeddata = r; });
  let max = 0, sum = 0, n = 0; const t0 = performance.now();
  for (let i = 0; i < 120; i++) {
    await seek(video, (i + 0.5) / 30);
    const poses = await det.estimatePoses(video, undefined, i * 33.333);
    for (const k of poses[0].keypoints) {
      const e = expected[i][k.name!];
      for (const d of [Math.abs(e.x - k.x), Math.abs(e.y - k.y)]) { max = Math.max(max, d); sum += d; n++; }
    }
  }
  console.log('wasm max', max, 'mean', sum / n, 'ms/frame', (performance.now() - t0) / 120, tf.getBackend());
  det.dispose();
  expect(max).toBeLessThan(60);
});

it('blazepose tfjs with vladmandic weights', async () => {
  const video = document.createElement('img');
  video.src = '/fixtures/pose/pose.jpg'; await video.decode();
  for (const type of ['lite', 'full', 'heavy'] as const) {
    const det = await pd.createDetector(pd.SupportedModels.BlazePose, { runtime: 'tfjs', modelType: type, detectorModelUrl: '/models/pose/blazepose-detector.json', landmarkModelUrl: `/models/pose/blazepose-${type}.json` });
    const t0 = performance.now();
    const poses = await det.estimatePoses(video);
    console.log(type, performance.now() - t0, video.naturalWidth, video.naturalHeight, JSON.stringify(poses.map((p) => [p.score, p.keypoints.length, p.keypoints.slice(0, 3), p.keypoints[27]])));
    det.dispose();
  }
});
