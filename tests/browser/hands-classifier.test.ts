import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadVideo, seekFrame } from '../../bench/lib/page';
import { mountClassifier } from '../../bench/pages/classifier.split';

// asl_hand.25fps.mp4 (public/fixtures/hands, see NOTICE.md): one right hand spelling ASL letters.
// Each range holds one letter, held still, without the moves between letters; picked by looking at
// the video's frames (the same ranges as tests/unit/hand-embedding.test.ts).
const FPS = 25;
const LETTERS = [
  { label: 'K', from: 15, to: 45 }, // index up, middle out, thumb between them
  { label: 'I', from: 55, to: 84 }, // little finger up
  { label: 'E', from: 95, to: 120 }, // fingertips folded onto the thumb
  { label: 'D', from: 131, to: 165 }, // index up, the others meet the thumb
  { label: 'O', from: 210, to: 250 }, // fingers curved onto the thumb
  { label: 'S', from: 260, to: 293 }, // fist, thumb across the fingers
];

let video: HTMLVideoElement;

beforeAll(async () => {
  video = await loadVideo('/fixtures/hands/asl_hand.25fps.mp4');
  await backendManager.use('wasm');
});

afterAll(() => {
  video.remove();
});

describe("given six ASL letters of asl_hand.25fps.mp4, the first half of each letter's frames for training", () => {
  it("classifies at least 90% of the second halves right with 'hands' features, through the hook", async () => {
    const clf = await mountClassifier(video, { features: 'hands', predict: false, thumbnailSize: 0 });
    try {
      expect(clf.current().engine.getSnapshot().extractor).toEqual({ id: 'hands:landmarks-21', dimension: 63 });
      const tests: { frame: number; label: string }[] = [];
      let nTrain = 0;
      for (const { label, from, to } of LETTERS) {
        const cut = from + Math.floor((to - from + 1) / 2);
        for (let frame = from; frame < cut; frame++) {
          await seekFrame(video, frame, FPS);
          if (await clf.current().addExample(label)) nTrain++;
        }
        for (let frame = cut; frame <= to; frame++) tests.push({ frame, label });
      }
      let correct = 0;
      const wrong: string[] = [];
      for (const { frame, label } of tests) {
        await seekFrame(video, frame, FPS);
        const prediction = await clf.current().classify();
        if (prediction.label === label) correct++;
        else wrong.push(`${frame}:${label}→${prediction.label}`);
      }
      const accuracy = correct / tests.length;
      console.log(`[hands-classifier] accuracy ${(accuracy * 100).toFixed(1)}% (${nTrain} train, ${tests.length} test) on ${clf.current().backend}; wrong: ${wrong.join(' ') || 'none'}`);
      // Every training frame shows a hand: a frame without features would add no example.
      expect(nTrain).toBe(LETTERS.reduce((n, { from, to }) => n + Math.floor((to - from + 1) / 2), 0));
      expect(accuracy).toBeGreaterThanOrEqual(0.9);
      // The dataset file says which features its embeddings are.
      const file = JSON.parse(await clf.current().exportDataset({ thumbnails: false }).text()) as { extractor: unknown };
      expect(file.extractor).toEqual({ id: 'hands:landmarks-21', dimension: 63 });
    } finally {
      clf.unmount();
    }
  });
});
