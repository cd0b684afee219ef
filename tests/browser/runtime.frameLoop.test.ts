import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { backendManager, getFrameLoop, modelCache, type Frame, type ModelLease } from '@webcam-ml/core/runtime';
import { moveNetSpec, sleep, until } from './runtime.helpers';

let camera: HTMLVideoElement;
let stream: MediaStream;

async function cameraVideo(): Promise<HTMLVideoElement> {
  stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  await until(() => video.videoWidth > 0, 5_000, 'camera size');
  return video;
}

beforeAll(async () => {
  await backendManager.acquire();
  camera = await cameraVideo();
});

afterAll(() => {
  stream.getTracks().forEach((t) => t.stop());
  camera.remove();
  backendManager.release();
});

const removers: (() => void)[] = [];
afterEach(async () => {
  removers.splice(0).forEach((remove) => remove());
  await sleep(100);
});

describe('given MoveNet running on the camera through the frame loop', () => {
  let lease: ModelLease<GraphModel>;
  beforeAll(async () => {
    lease = modelCache.acquire(moveNetSpec());
    await lease.ready();
  });
  afterAll(() => lease.release());

  it('keeps tf.memory().numTensors unchanged across 300 frames', async () => {
    const counts: number[] = [];
    const handle = getFrameLoop(camera).add({
      run: async (frame) => {
        const model = lease.getSnapshot().model!;
        const input = tf.tidy(() => tf.expandDims(tf.cast(tf.image.resizeBilinear(frame.pixels(), [192, 192]), 'int32'), 0));
        const output = model.execute(input) as tf.Tensor;
        input.dispose();
        await output.data();
        output.dispose();
        counts.push(tf.memory().numTensors);
      },
    });
    removers.push(handle.remove);
    const baseline = tf.memory().numTensors;
    await until(() => handle.stats().processed >= 300, 60_000, '300 frames');
    handle.remove();
    await sleep(100);
    expect(counts[299]).toBe(counts[0]);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('given one task on a playing camera', () => {
  it('processes each frame at most once, with increasing media timestamps', async () => {
    const frames: Frame[] = [];
    const handle = getFrameLoop(camera).add({ run: (frame) => void frames.push(frame) });
    removers.push(handle.remove);
    await until(() => frames.length >= 20, 10_000, '20 frames');
    handle.remove();
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i].index).toBeGreaterThan(frames[i - 1].index);
      expect(frames[i].timestamp).toBeGreaterThan(frames[i - 1].timestamp);
    }
    expect(frames[0].width).toBe(camera.videoWidth);
  });

  it('drops frames that arrive while the task is busy instead of queueing them', async () => {
    let running = 0;
    let overlapped = false;
    const handle = getFrameLoop(camera).add({
      run: async () => {
        running++;
        overlapped ||= running > 1;
        await sleep(150);
        running--;
      },
    });
    removers.push(handle.remove);
    await sleep(1_500);
    const stats = handle.stats();
    expect(overlapped).toBe(false);
    expect(stats.processed).toBeGreaterThanOrEqual(5);
    expect(stats.processed).toBeLessThanOrEqual(11);
    expect(stats.dropped).toBeGreaterThan(stats.processed);
  });

  it('counts frames that went by while inference held the main thread as dropped', async () => {
    // Synchronous work (wasm or cpu inference) blocks frame callbacks: the loop never sees those
    // frames, so it counts them from the gaps in the video's presentedFrames.
    const handle = getFrameLoop(camera).add({
      run: () => {
        const until = performance.now() + 150;
        while (performance.now() < until);
      },
    });
    removers.push(handle.remove);
    await sleep(1_500);
    const stats = handle.stats();
    expect(stats.processed).toBeGreaterThanOrEqual(4);
    // The camera presents ~30 frames a second; each 150 ms run hides about 4 of them.
    expect(stats.dropped).toBeGreaterThanOrEqual(2 * stats.processed);
  });

  it('honours maxFps', async () => {
    const handle = getFrameLoop(camera).add({ maxFps: 5, run: () => undefined });
    removers.push(handle.remove);
    await sleep(2_000);
    expect(handle.stats().processed).toBeGreaterThanOrEqual(7);
    expect(handle.stats().processed).toBeLessThanOrEqual(11);
    expect(handle.stats().dropped).toBe(0);
  });

  it('stops calling the task once removed', async () => {
    let runs = 0;
    const handle = getFrameLoop(camera).add({ run: () => void runs++ });
    await until(() => runs > 3, 5_000, 'runs');
    handle.remove();
    const after = runs;
    await sleep(300);
    expect(runs).toBe(after);
  });
});

describe('given two tasks on one source', () => {
  it('reads each frame once: both tasks get the same pixels tensor', async () => {
    const ids = new Map<number, number[]>();
    const record = (frame: Frame) => {
      const list = ids.get(frame.index) ?? [];
      list.push(frame.pixels().id);
      ids.set(frame.index, list);
    };
    const a = getFrameLoop(camera).add({ run: record });
    const b = getFrameLoop(camera).add({ run: record });
    removers.push(a.remove, b.remove);
    await until(() => a.stats().processed >= 10 && b.stats().processed >= 10, 10_000, 'frames');
    a.remove();
    b.remove();
    const shared = [...ids.values()].filter((list) => list.length === 2);
    expect(shared.length).toBeGreaterThanOrEqual(8);
    for (const [first, second] of shared) expect(second).toBe(first);
  });

  it('disposes the shared pixels only after the last task of the frame finished', async () => {
    const baseline = tf.memory().numTensors;
    const seen: tf.Tensor[] = [];
    const aliveAfterOtherFinished: boolean[] = [];
    const fast = getFrameLoop(camera).add({ run: (f) => void seen.push(f.pixels()) });
    const slow = getFrameLoop(camera).add({
      run: async (f) => {
        const pixels = f.pixels();
        await sleep(20);
        aliveAfterOtherFinished.push(!pixels.isDisposed);
      },
    });
    removers.push(fast.remove, slow.remove);
    await until(() => slow.stats().processed >= 10, 10_000, 'frames');
    fast.remove();
    slow.remove();
    await sleep(100);
    expect(aliveAfterOtherFinished.every(Boolean)).toBe(true);
    expect(seen.every((t) => t.isDisposed)).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('takes turns at being first', async () => {
    const firstOf = new Map<number, string>();
    const a = getFrameLoop(camera).add({ run: (f) => void (firstOf.has(f.index) || firstOf.set(f.index, 'a')) });
    const b = getFrameLoop(camera).add({ run: (f) => void (firstOf.has(f.index) || firstOf.set(f.index, 'b')) });
    removers.push(a.remove, b.remove);
    await until(() => firstOf.size >= 10, 10_000, 'frames');
    const firsts = [...firstOf.values()];
    expect(firsts.filter((x) => x === 'a').length).toBeGreaterThanOrEqual(4);
    expect(firsts.filter((x) => x === 'b').length).toBeGreaterThanOrEqual(4);
  });
});

describe('given a hidden document', () => {
  it('runs zero inferences until it is visible again', async () => {
    let runs = 0;
    const handle = getFrameLoop(camera).add({ run: () => void runs++ });
    removers.push(handle.remove);
    await until(() => runs > 0, 5_000, 'a first run');
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    try {
      await sleep(50);
      const before = runs;
      await sleep(1_000);
      expect(runs).toBe(before);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      delete (document as { visibilityState?: string }).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    }
    const resumed = runs;
    await until(() => runs > resumed, 5_000, 'runs after visible');
  });
});

describe('given a video that is paused or has no frame yet', () => {
  it('runs zero inferences while paused, and resumes on play', async () => {
    const video = document.createElement('video');
    video.muted = true;
    video.loop = true;
    video.src = '/fixtures/pose/pose_1.mp4';
    document.body.append(video);
    await video.play();
    let runs = 0;
    const handle = getFrameLoop(video).add({ run: () => void runs++ });
    removers.push(handle.remove, () => video.remove());
    await until(() => runs > 2, 5_000, 'runs');
    video.pause();
    await sleep(50);
    const before = runs;
    await sleep(700);
    expect(runs).toBe(before);
    await video.play();
    await until(() => runs > before, 5_000, 'runs after play');
  });

  it('runs nothing before the video has a size', async () => {
    const video = document.createElement('video');
    document.body.append(video);
    let runs = 0;
    const handle = getFrameLoop(video).add({ run: () => void runs++ });
    removers.push(handle.remove, () => video.remove());
    await sleep(500);
    expect(runs).toBe(0);
  });
});

describe('given a canvas source', () => {
  it('offers its frames to the tasks', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
    const shapes: number[][] = [];
    const handle = getFrameLoop(canvas).add({ run: (f) => void shapes.push(f.pixels().shape) });
    removers.push(handle.remove);
    await until(() => shapes.length >= 3, 5_000, 'canvas frames');
    expect(shapes[0]).toEqual([48, 64, 3]);
  });
});

describe('given an image source', () => {
  it('offers it once, and again after invalidate()', async () => {
    const image = new Image();
    image.src = '/fixtures/pose/pose.jpg';
    await image.decode();
    let runs = 0;
    const loop = getFrameLoop(image);
    const handle = loop.add({ run: () => void runs++ });
    removers.push(handle.remove);
    await sleep(400);
    expect(runs).toBe(1);
    loop.invalidate();
    await until(() => runs === 2, 2_000, 'second run');
  });
});
