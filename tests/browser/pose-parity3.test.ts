import { beforeAll, it, expect } from 'vitest';
import * as poseDetection from '@tensorflow-models/pose-detection';
import * as tf from '@tensorflow/tfjs-core';
import { backendManager, resolveModelUrl } from '@webcam-ml/core/runtime';
import { frameTimestamp, loadVideo, seekFrame } from '../../bench/lib/page';

beforeAll(async () => { await backendManager.use('wasm'); });
const make = () => poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, { modelType: 'SinglePose.Lightning', modelUrl: resolveModelUrl('pose/movenet-lightning.json') });

it('two bare detectors reading the video one after the other', async () => {
  const video = await loadVideo('/fixtures/pose/pose_1.mp4');
  const a = await make(); const b = await make();
  const diffs: number[] = []; const pix: number[] = [];
  for (let i = 0; i < 40; i++) {
    await seekFrame(video, i);
    const p1 = tf.browser.fromPixels(video);
    const ra = await a.estimatePoses(video, undefined, frameTimestamp(i));
    const p2 = tf.browser.fromPixels(video);
    const rb = await b.estimatePoses(video, undefined, frameTimestamp(i));
    pix.push(tf.max(tf.abs(tf.sub(p1, p2))).dataSync()[0]);
    tf.dispose([p1, p2]);
    diffs.push(Math.max(...ra[0].keypoints.map((k, n) => Math.hypot(k.x - rb[0].keypoints[n].x, k.y - rb[0].keypoints[n].y))));
  }
  console.log('[p3] kp', diffs.map((d) => d.toFixed(2)).join(' '));
  console.log('[p3] pix', pix.join(' '));
  expect(diffs.length).toBe(40);
});
