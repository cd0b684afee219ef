// Teachable Machine parity: one image-model export, loaded by our `teachableMachine` option and by
// Teachable Machine's own library (@teachablemachine/image 0.8.5), classifies the same frames of the
// shared pose fixture with the same labels and close probabilities.
//
// No Teachable Machine export ships in any package we can install, and the library's default base
// network (MobileNetV2 α 0.35) is fetched from Google's storage, which nothing here may do. So the
// export is made at test time by Teachable Machine's own training code (`createTeachable`, `train`,
// `save`) on the MobileNetV2 we ship (α 1.0, cut at `out_relu` as the library cuts its own, through
// its `checkpointUrl` option), and written in the format it saves: model.json (the truncated network
// and the trained head as one Sequential) + weights + metadata.json (`getMetadata()`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tmImage from '@teachablemachine/image';
import { backendManager } from '@webcam-ml/core/runtime';
import { loadVideo, seekFrame } from '../../bench/lib/page';
import { mountClassifier } from '../../bench/pages/classifier.split';
import { exportFiles } from './teachableMachine.helpers';
import { ALTERATIONS, alterFrame } from '../../bench/pages/classifier.alter';

const files = new Map<string, () => Response>();
const original = globalThis.fetch;
let video: HTMLVideoElement;

/** The video's current frame as a canvas of its own size (what both libraries are given). */
function still(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  return canvas;
}

/** The centre square at 224×224, as Teachable Machine's web app records an example (`cropTo`). */
function example(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 224;
  const side = Math.min(video.videoWidth, video.videoHeight);
  canvas.getContext('2d')!.drawImage(video, (video.videoWidth - side) / 2, (video.videoHeight - side) / 2, side, side, 0, 0, 224, 224);
  return canvas;
}

beforeAll(async () => {
  video = await loadVideo('/fixtures/pose/pose_1.mp4');
  await backendManager.use('wasm');
  const teachable = await tmImage.createTeachable({ tfjsVersion: tf.version_core }, { checkpointUrl: '/models/classifier/mobilenet-v2/model.json', trainingLayer: 'out_relu' });
  teachable.setLabels(['start', 'middle', 'end']);
  teachable.setSeed('webcam-ml');
  for (const [index, from] of [0, 45, 90].entries()) {
    for (let i = 0; i < 24; i += 3) {
      await seekFrame(video, from + i);
      await teachable.addExample(index, example());
    }
  }
  // Teachable Machine's web app defaults.
  await teachable.train({ denseUnits: 100, epochs: 50, learningRate: 0.001, batchSize: 16 });
  const { modelJson, weights } = await exportFiles((handler) => teachable.save(handler));
  const metadata = JSON.stringify(teachable.getMetadata());
  files.set('/tm-parity/model.json', () => new Response(modelJson, { headers: { 'content-type': 'application/json' } }));
  files.set('/tm-parity/weights.bin', () => new Response(weights.slice(0)));
  files.set('/tm-parity/metadata.json', () => new Response(metadata, { headers: { 'content-type': 'application/json' } }));
  teachable.dispose();
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
    const file = files.get(path);
    return file ? Promise.resolve(file()) : original(input, init);
  };
}, 300_000);

afterAll(() => {
  globalThis.fetch = original;
  video.remove();
});

describe('given an image-model export made by Teachable Machine\'s own library', () => {
  it('our classifier and Teachable Machine\'s library give the same labels and close probabilities on the same frames', async () => {
    const reference = await tmImage.load('/tm-parity/model.json', '/tm-parity/metadata.json');
    const clf = await mountClassifier(video, { teachableMachine: { modelUrl: '/tm-parity/model.json' }, predict: false, threshold: 0 });
    try {
      expect(clf.current().classes.map((c) => c.name)).toEqual(['start', 'middle', 'end']);
      let frames = 0;
      let largest = 0;
      const ties: number[] = [];
      const labels = new Map<string, number>();
      for (let frame = 1; frame < 120; frame += 4) {
        await seekFrame(video, frame);
        const plain = still();
        for (const input of [plain, alterFrame(plain, ALTERATIONS[frame % ALTERATIONS.length], frame)]) {
          const theirs = await reference.predict(input);
          const ours = await clf.current().classify(input);
          for (const [i, c] of ours.confidences.entries()) largest = Math.max(largest, Math.abs(c.confidence - theirs[i].probability));
          const [best, second] = [...theirs].sort((a, b) => b.probability - a.probability);
          frames++;
          // A near-tie is decided by resampling noise (the canvas against a tensor resize): the
          // probabilities are compared there, the label is not.
          if (best.probability - second.probability < 0.05) {
            ties.push(frame);
            continue;
          }
          expect(ours.label, `frame ${frame}: ${JSON.stringify(theirs)} vs ${JSON.stringify(ours.confidences)}`).toBe(best.className);
          labels.set(best.className, (labels.get(best.className) ?? 0) + 1);
        }
      }
      console.log(`[teachable-machine-parity] ${frames} frames (plain and altered): labels equal on ${frames - ties.length} (${JSON.stringify(Object.fromEntries(labels))}), near-ties ${ties.length}; largest probability difference ${largest.toFixed(4)}`);
      expect(ties.length).toBeLessThan(frames / 4);
      // More than one label is predicted: the comparison is not of one constant answer.
      expect(labels.size).toBeGreaterThanOrEqual(2);
      expect(largest).toBeLessThan(0.05);
    } finally {
      clf.unmount();
      // CustomMobileNet.dispose() disposes a truncated model that a loaded export does not have.
      reference.model.dispose();
    }
  });
});
