import { beforeAll, describe, expect, it } from 'vitest';
import { PoseEngine, RepCounter, type RepCounterState } from '@webcam-ml/core/pose';
import { backendManager } from '@webcam-ml/core/runtime';
import { frameCount, frameTimestamp, loadVideo, seekFrame } from '../../bench/lib/page';

beforeAll(async () => {
  await backendManager.use('wasm');
});

describe('given pose_squats.mp4 (three squats, the last one cut while rising) stepped frame by frame', () => {
  it('counts two completed squats and ends in the down phase of the third', async () => {
    const video = await loadVideo('/fixtures/pose/pose_squats.mp4');
    const engine = new PoseEngine({ model: 'lightning' });
    const counter = new RepCounter();
    const states: RepCounterState[] = [];
    // The clip is 5 fps: one estimation per frame.
    for (let i = 0; i < frameCount(video, 5); i++) {
      await seekFrame(video, i, 5);
      const [pose] = (await engine.estimate(video, frameTimestamp(i, 5))).poses;
      states.push(counter.update(pose));
    }
    engine.dispose();
    video.remove();
    expect(states.filter((s) => s.angle === null)).toHaveLength(0);
    // Count goes 0 → 1 → 2, one step at a time.
    expect([...new Set(states.map((s) => s.count))]).toEqual([0, 1, 2]);
    expect(counter.current).toMatchObject({ count: 2, phase: 'down' });
  });
});
