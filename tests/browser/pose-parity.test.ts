import { beforeAll, describe, expect, it } from 'vitest';
import * as poseDetection from '@tensorflow-models/pose-detection';
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
      // Either may read the freshly seeked frame first.
      let ours, theirs;
      if (i % 2 === 0) {
        ours = (await engine.estimate(video, frameTimestamp(i))).poses;
        theirs = await bare.estimatePoses(video, undefined, frameTimestamp(i));
      } else {
        theirs = await bare.estimatePoses(video, undefined, frameTimestamp(i));
        ours = (await engine.estimate(video, frameTimestamp(i))).poses;
      }
      expect(ours.length).toBe(theirs.length);
      diffs.push(Math.max(0, ...ours[0].keypoints.map((k, n) => Math.hypot(k.x - theirs[0].keypoints[n].x, k.y - theirs[0].keypoints[n].y))));
    }
    engine.dispose();
    bare.dispose();
    video.remove();
    expect(Math.max(...diffs)).toBe(0);
  });
});
