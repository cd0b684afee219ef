import { beforeAll, describe, expect, it } from 'vitest';
import { PoseEngine, RepCounter, type Pose, type RepCounterState } from '@webcam-ml/core/pose';
import { backendManager } from '@webcam-ml/core/runtime';
import { frameCount, frameTimestamp, loadVideo, seekFrame } from '../../bench/lib/page';

/** The clip's first pose per frame with its media time, estimated once for every test here. */
const frames: { pose: Pose | undefined; timestamp: number }[] = [];

beforeAll(async () => {
  await backendManager.use('wasm');
  const video = await loadVideo('/fixtures/pose/pose_squats.mp4');
  const engine = new PoseEngine({ model: 'lightning' });
  // The clip is 5 fps: one estimation per frame.
  for (let i = 0; i < frameCount(video, 5); i++) {
    await seekFrame(video, i, 5);
    const timestamp = frameTimestamp(i, 5);
    frames.push({ pose: (await engine.estimate(video, timestamp)).poses[0], timestamp });
  }
  engine.dispose();
  video.remove();
});

describe('given pose_squats.mp4 (three squats, the last one cut while rising) stepped frame by frame', () => {
  it('counts two completed squats and ends in the down phase of the third', () => {
    const counter = new RepCounter();
    const states: RepCounterState[] = frames.map(({ pose, timestamp }) => counter.update(pose, timestamp));
    expect(states.filter((s) => s.angle === null)).toHaveLength(0);
    // Count goes 0 → 1 → 2, one step at a time.
    expect([...new Set(states.map((s) => s.count))]).toEqual([0, 1, 2]);
    expect(counter.current).toMatchObject({ count: 2, phase: 'down' });
  });
});

describe('given pose_squats.mp4 played on a loop (media time starts again at each loop)', () => {
  it('counts the two completed squats of each loop: the restart from the cut third squat is no rep', () => {
    const counter = new RepCounter();
    const perLoop: number[] = [];
    for (let loop = 0; loop < 4; loop++) {
      for (const { pose, timestamp } of frames) counter.update(pose, timestamp);
      perLoop.push(counter.current.count);
    }
    expect(perLoop).toEqual([2, 4, 6, 8]);
  });

  it('counts the restart as a rep when given no time (what the Squats story did: 9 after 45 s)', () => {
    const counter = new RepCounter();
    for (let loop = 0; loop < 3; loop++) for (const { pose } of frames) counter.update(pose);
    expect(counter.current.count).toBe(8);
  });
});
