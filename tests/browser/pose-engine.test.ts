import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { COCO_KEYPOINTS, BLAZEPOSE_KEYPOINTS, PoseEngine, type PoseResult } from '@webcam-ml/core/pose';
import { backendManager, configure, modelCache } from '@webcam-ml/core/runtime';
import { loadImage, loadVideo, seekFrame } from '../../bench/lib/page';
import { onMain } from './mainThread';

const until = async (check: () => boolean, timeoutMs = 60_000): Promise<void> => {
  const end = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const poseModels = () => modelCache.inspect().filter((e) => e.key.startsWith('pose:'));

beforeAll(async () => {
  configure({ releaseDelayMs: 50 });
  await backendManager.use('wasm');
});

afterEach(async () => {
  // Every test lets go of what it took: the models are gone a release delay later.
  await until(() => poseModels().length === 0, 5_000);
});

describe('given a still image of one person (pose.jpg)', () => {
  it('returns the 17 named COCO keypoints in source pixels and normalised', async () => {
    const image = await loadImage('/fixtures/pose/pose.jpg');
    const engine = new PoseEngine(undefined, onMain);
    const [pose] = (await engine.estimate(image)).poses;
    engine.dispose();
    image.remove();
    expect(pose.score).toBeGreaterThan(0.3);
    expect(pose.keypoints.map((k) => k.name)).toEqual([...COCO_KEYPOINTS]);
    for (const k of pose.keypoints) {
      expect(k.nx).toBeCloseTo(k.x / image.naturalWidth, 6);
      expect(k.ny).toBeCloseTo(k.y / image.naturalHeight, 6);
    }
    const nose = pose.keypoints[0];
    const ankle = pose.keypoints[15];
    // Standing person: the nose is well above the ankles, both inside the frame.
    expect(nose.y).toBeLessThan(ankle.y - image.naturalHeight * 0.3);
    expect(nose.x).toBeGreaterThan(0);
    expect(nose.x).toBeLessThan(image.naturalWidth);
  });

  it('returns 33 BlazePose keypoints with blazepose-lite from the self-hosted weights', async () => {
    const image = await loadImage('/fixtures/pose/pose.jpg');
    const engine = new PoseEngine({ model: 'blazepose-lite' }, onMain);
    const [pose] = (await engine.estimate(image)).poses;
    engine.dispose();
    image.remove();
    expect(pose.keypoints.map((k) => k.name)).toEqual([...BLAZEPOSE_KEYPOINTS]);
    expect(pose.score).toBeGreaterThan(0.5);
  });
});

describe('given an image of three people (three_people.jpg)', () => {
  it('finds at least three poses with multipose', async () => {
    const image = await loadImage('/fixtures/pose/three_people.jpg');
    const engine = new PoseEngine({ model: 'multipose', minScore: 0.2 }, onMain);
    const { poses } = await engine.estimate(image);
    engine.dispose();
    image.remove();
    expect(poses.length).toBeGreaterThanOrEqual(3);
    expect(new Set(poses.map((p) => p.id)).size).toBe(poses.length);
  });

  it('reports no more than maxPoses, best first', async () => {
    const image = await loadImage('/fixtures/pose/three_people.jpg');
    const engine = new PoseEngine({ model: 'multipose', maxPoses: 2, minScore: 0.2 }, onMain);
    const { poses } = await engine.estimate(image);
    engine.dispose();
    image.remove();
    expect(poses).toHaveLength(2);
    expect(poses[0].score).toBeGreaterThanOrEqual(poses[1].score);
  });
});

describe('given repeated estimations', () => {
  it('leaves tf.memory().numTensors where it was (video, tensor and image inputs)', async () => {
    const video = await loadVideo('/fixtures/pose/pose_1.mp4');
    const engine = new PoseEngine({ smoothing: 0.5 }, onMain);
    await engine.ready();
    await engine.estimate(video, 0);
    const baseline = tf.memory().numTensors;
    for (let i = 1; i < 8; i++) {
      await seekFrame(video, i);
      await engine.estimate(video, i * 33.333);
      const pixels = tf.browser.fromPixels(video);
      await engine.estimate(pixels, i * 33.333 + 1);
      pixels.dispose();
    }
    expect(tf.memory().numTensors).toBe(baseline);
    engine.dispose();
    video.remove();
  });

  it('frees the model weights once released (numTensors back to before loading)', async () => {
    const before = tf.memory().numTensors;
    const engine = new PoseEngine({ model: 'blazepose-lite' }, onMain);
    const image = await loadImage('/fixtures/pose/pose.jpg');
    await engine.estimate(image);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    engine.dispose();
    image.remove();
    await until(() => poseModels().length === 0, 5_000);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('given an engine disposed while its model is loading', () => {
  it('ends idle, without an error, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const engine = new PoseEngine({ model: 'thunder' }, onMain);
    const stop = engine.subscribe(() => {});
    expect(engine.getSnapshot().status).toBe('loading');
    stop();
    engine.dispose();
    expect(engine.getSnapshot()).toMatchObject({ status: 'idle', error: null });
    await until(() => poseModels().length === 0, 10_000);
    // A load that finished after the release is disposed by the cache too.
    await new Promise((r) => setTimeout(r, 300));
    expect(poseModels()).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('given an engine that is not enabled', () => {
  it('stays idle without downloading, then loads once enabled', async () => {
    const engine = new PoseEngine({ enabled: false }, onMain);
    const stop = engine.subscribe(() => {});
    expect(engine.getSnapshot().status).toBe('idle');
    expect(poseModels()).toHaveLength(0);
    engine.setOptions({ enabled: true });
    await until(() => engine.getSnapshot().status === 'ready');
    engine.setOptions({ enabled: false });
    expect(engine.getSnapshot().status).toBe('idle');
    // Disabled lets go of the model; the cache keeps it for the release delay, so a quick
    // re-enable reuses it without a second download.
    expect(poseModels()).toEqual([expect.objectContaining({ references: 0, status: 'ready' })]);
    engine.setOptions({ enabled: true });
    expect(poseModels()).toEqual([expect.objectContaining({ references: 1, status: 'ready' })]);
    expect(engine.getSnapshot().status).toBe('ready');
    stop();
    engine.dispose();
  });
});

describe('given a ready engine switched to another model', () => {
  it('reports loading (not recovering), then ready on the new model, and lets the old one go', async () => {
    const engine = new PoseEngine(undefined, onMain);
    const statuses: string[] = [];
    const stop = engine.subscribe(() => statuses.push(engine.getSnapshot().status));
    await until(() => engine.getSnapshot().status === 'ready');
    statuses.length = 0;
    engine.setOptions({ model: 'thunder' });
    await until(() => engine.getSnapshot().status === 'ready');
    expect(statuses).toContain('loading');
    expect(statuses).not.toContain('recovering');
    await until(() => poseModels().length === 1, 5_000);
    expect(poseModels()[0].key).toContain('movenet-thunder');
    stop();
    engine.dispose();
  });
});

describe('given two engines on the same model', () => {
  it('share one loaded model but keep separate smoothing state', async () => {
    const a = new PoseEngine(undefined, onMain);
    const b = new PoseEngine(undefined, onMain);
    await Promise.all([a.ready(), b.ready()]);
    expect(poseModels()).toEqual([expect.objectContaining({ references: 2, status: 'ready' })]);
    const video = await loadVideo('/fixtures/pose/pose_1.mp4');
    const image = await loadImage('/fixtures/pose/pose.jpg');
    // b sees a different picture between a's frames; a's result must not depend on it.
    const solo = new PoseEngine(undefined, onMain);
    await seekFrame(video, 0);
    const first = (await solo.estimate(video, 0)).poses;
    await seekFrame(video, 1);
    const second = (await solo.estimate(video, 33.333)).poses;
    await seekFrame(video, 0);
    await a.estimate(video, 0);
    await b.estimate(image, 0);
    await seekFrame(video, 1);
    const interleaved = (await a.estimate(video, 33.333)).poses;
    expect(first).toHaveLength(1);
    expect(interleaved[0].keypoints).toEqual(second[0].keypoints);
    for (const e of [a, b, solo]) e.dispose();
    video.remove();
    image.remove();
  });
});

describe('given a playing video as the source', () => {
  it('delivers results through subscribeResults from the frame loop', async () => {
    const video = await loadVideo('/fixtures/pose/pose_1.mp4');
    video.loop = true;
    await video.play();
    const engine = new PoseEngine({ maxFps: 15 }, onMain);
    engine.setSource(video);
    const results: PoseResult[] = [];
    const stop = engine.subscribeResults((r) => results.push(r));
    await until(() => results.length >= 3);
    const state = engine.getSnapshot();
    stop();
    expect(state.status).toBe('ready');
    expect(state.backend).toBe('wasm');
    expect(state.frameSize).toEqual({ width: 576, height: 576 });
    expect(results[2].poses[0].keypoints).toHaveLength(17);
    expect(results[2].timestamp).toBeGreaterThan(0);
    expect(state.latencyMs).toBeGreaterThan(0);
    expect(engine.getSnapshot().status).toBe('idle');
    engine.dispose();
    video.pause();
    video.remove();
  });
});
