import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandsEngine, type HandGestureName } from '@webcam-ml/core/hands';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadImage, loadVideo, seekFrame } from '../../bench/lib/page';

// The built-in gestures on the real model's output (the rules themselves are tested on upstream's
// keypoints in tests/unit/hand-gestures.test.ts). Frames picked by looking at asl_hand.25fps.mp4.
const FPS = 25;
const FRAMES: { frames: number[]; gesture: HandGestureName; shape: string }[] = [
  { frames: [140, 150, 160], gesture: 'pointing_up', shape: 'the "D" (index up)' },
  { frames: [270, 280, 310], gesture: 'closed_fist', shape: 'the "S" fist' },
  { frames: [100, 110], gesture: 'closed_fist', shape: 'the "E"' },
  { frames: [9, 10], gesture: 'thumbs_up', shape: 'the thumb raised out of the fist' },
];

let video: HTMLVideoElement;
let engine: HandsEngine;

beforeAll(async () => {
  await backendManager.use('wasm');
  video = await loadVideo('/fixtures/hands/asl_hand.25fps.mp4');
  // One hand, unsmoothed: every frame is estimated on its own from a seek.
  engine = new HandsEngine({ maxHands: 1, smoothing: false });
});

afterAll(() => {
  engine.dispose();
  video.remove();
});

describe('given the hands engine on hands.jpg (two open palms)', () => {
  it('gives both hands open_palm as their best gesture', async () => {
    const image = await loadImage('/fixtures/hands/hands.jpg');
    const two = new HandsEngine({ maxHands: 2 });
    try {
      const { hands } = await two.estimate(image);
      expect(hands.map((h) => h.gestures[0]?.name)).toEqual(['open_palm', 'open_palm']);
    } finally {
      two.dispose();
      image.remove();
    }
  });
});

describe('given the hands engine on frames of the ASL video', () => {
  for (const { frames, gesture, shape } of FRAMES) {
    it(`gives ${gesture} first for ${shape} (frames ${frames.join(', ')})`, async () => {
      const best: (string | undefined)[] = [];
      for (const frame of frames) {
        await seekFrame(video, frame, FPS);
        const { hands } = await engine.estimate(video, (frame * 1000) / FPS);
        best.push(hands[0]?.gestures[0]?.name);
      }
      expect(best).toEqual(frames.map(() => gesture));
    });
  }

  it('leaves gestures empty when they are turned off', async () => {
    const off = new HandsEngine({ maxHands: 1, smoothing: false, gestures: false });
    try {
      await seekFrame(video, 280, FPS);
      const { hands } = await off.estimate(video, 280_000 / FPS);
      expect(hands).toHaveLength(1);
      expect(hands[0].gestures).toEqual([]);
    } finally {
      off.dispose();
    }
  });
});
