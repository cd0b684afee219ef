import { beforeAll, describe, expect, it } from 'vitest';
import * as poseDetection from '@tensorflow-models/pose-detection';
import * as tf from '@tensorflow/tfjs-core';
import { PoseEngine } from '@webcam-ml/core/pose';
import { backendManager, resolveModelUrl } from '@webcam-ml/core/runtime';
import { frameTimestamp, loadVideo, seekFrame } from '../../bench/lib/page';

beforeAll(async () => {
  await backendManager.use('wasm');
});

describe('given the same seeked frames fed to PoseEngine and to the bare pose-detection detector', () => {
  it('returns the same keypoints on every frame of pose_1.mp4', async () => {
    const video = await loadVideo('/fixtures/pose/pose_1.mp4');
    const engine = new PoseEngine();
    const bare = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType: 'SinglePose.Lightning',
      modelUrl: resolveModelUrl('pose/movenet-lightning.json'),
    });
    const diffs: number[] = [];
    for (let i = 0; i < 120; i++) {
      await seekFrame(video, i);
      const ours = await engine.estimate(video, frameTimestamp(i));
      const pixels = tf.browser.fromPixels(video);
      const theirs = await bare.estimatePoses(pixels, undefined, frameTimestamp(i));
      pixels.dispose();
      expect(ours.length).toBe(theirs.length);
      diffs.push(Math.max(0, ...ours[0].keypoints.map((k, n) => Math.hypot(k.x - theirs[0].keypoints[n].x, k.y - theirs[0].keypoints[n].y))));
    }
    const first = diffs.findIndex((d) => d > 1e-6);
    console.log(`[pose-parity] first differing frame ${first}, max ${Math.max(...diffs)}`, diffs.map((d) => d.toFixed(2)).join(' '));
    engine.dispose();
    bare.dispose();
    video.remove();
    expect(Math.max(...diffs)).toBe(0);
  });
});
