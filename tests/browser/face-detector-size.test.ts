import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceEngine, type FaceEngineOptions, type FaceInfo } from '@webcam-ml/core/face';
import { backendManager, configure } from '@webcam-ml/core/runtime';
import { loadVideo, seekFrame } from '../../bench/lib/page';

// Why the tiny detector finds no face in face/video.mp4 where SSD finds three, and that the face
// stories' sample is one it finds (docs/face-estimates.md, "Why the tiny detector misses small faces").

async function detect(input: HTMLCanvasElement, options: FaceEngineOptions): Promise<readonly FaceInfo[]> {
  const engine = new FaceEngine({ smoothing: 0, withLandmarks: false, withExpressions: false, withAgeAndGender: false, ...options });
  try {
    return (await engine.estimate(input, 0)).faces;
  } finally {
    engine.dispose();
  }
}

function canvasOf(width: number, height: number, draw: (g: CanvasRenderingContext2D) => void): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  draw(canvas.getContext('2d')!);
  return canvas;
}

async function videoFrame(url: string, index: number, fps: number): Promise<HTMLCanvasElement> {
  const video = await loadVideo(url);
  await seekFrame(video, index, fps);
  const frame = canvasOf(video.videoWidth, video.videoHeight, (g) => g.drawImage(video, 0, 0));
  video.remove();
  return frame;
}

/** faces.jpg (faces about 140 px) on a grey frame large enough that each face is `atInput` px at the detector's input. */
async function facesAtInputSize(atInput: number, inputSize: number): Promise<HTMLCanvasElement> {
  const img = new Image();
  img.src = '/fixtures/face/faces.jpg';
  await img.decode();
  const width = Math.round((140 * inputSize) / atInput);
  return canvasOf(width, Math.round((width * img.naturalHeight) / img.naturalWidth), (g) => {
    g.fillStyle = '#808080';
    g.fillRect(0, 0, width, width);
    g.drawImage(img, 0, 0);
  });
}

beforeAll(async () => {
  await backendManager.use('wasm');
});

afterAll(() => {
  configure({ backend: 'auto' });
});

describe('given face/video.mp4 (faces 16-29 px tall in an 820x460 frame)', () => {
  it('SSD finds three faces', async () => {
    const frame = await videoFrame('/fixtures/face/video.mp4', 0, 24);
    expect((await detect(frame, { detector: 'ssd' })).length).toBeGreaterThanOrEqual(3);
  });

  it('the tiny detector finds none at input 224 or 416, even at a score threshold of 0.05', async () => {
    const frame = await videoFrame('/fixtures/face/video.mp4', 0, 24);
    for (const inputSize of [224, 416]) expect(await detect(frame, { detector: 'tiny', inputSize, scoreThreshold: 0.05 })).toHaveLength(0);
  });
});

describe("given faces.jpg's six faces scaled to a size at the tiny detector's input", () => {
  it('finds none at about 20 px: the size at the input decides, not the threshold', async () => {
    expect(await detect(await facesAtInputSize(20, 416), { detector: 'tiny', inputSize: 416, scoreThreshold: 0.05 })).toHaveLength(0);
  });

  it('finds at least five of six at about 60 px', async () => {
    expect((await detect(await facesAtInputSize(60, 416), { detector: 'tiny', inputSize: 416 })).length).toBeGreaterThanOrEqual(5);
  });
});

describe("given the face stories' sample (portrait_pan.mp4, made by scripts/face-sample.sh)", () => {
  it('the tiny detector at 224 finds exactly one face in frames across the clip', async () => {
    for (const index of [0, 60, 120, 180, 239]) {
      const faces = await detect(await videoFrame('/fixtures/face/portrait_pan.mp4', index, 30), { detector: 'tiny', inputSize: 224 });
      expect(faces, `frame ${index}`).toHaveLength(1);
      expect(faces[0].box.width, `frame ${index}`).toBeGreaterThan(640 / 5);
    }
  });
});

describe('given the face sample played through the engine frame by frame (every 4th frame, as at 7.5 fps)', () => {
  it('keeps one id for the whole clip and settles the age and gender instead of re-reading them', async () => {
    const video = await loadVideo('/fixtures/face/portrait_pan.mp4');
    const engine = new FaceEngine({ detector: 'tiny', inputSize: 224 });
    const ids = new Set<number>();
    const reported: number[] = [];
    const genders = new Set<string | null>();
    try {
      for (let index = 0; index < 240; index += 4) {
        await seekFrame(video, index, 30);
        const { faces } = await engine.estimate(video, (index * 1000) / 30);
        expect(faces, `frame ${index}`).toHaveLength(1);
        ids.add(faces[0].id);
        reported.push(faces[0].age!);
        genders.add(faces[0].gender);
      }
    } finally {
      engine.dispose();
      video.remove();
    }
    expect([...ids]).toHaveLength(1);
    expect([...genders]).toEqual(['male']);
    // The mean over the track moves less and less: over the second half of the clip by under a year.
    const late = reported.slice(reported.length / 2);
    expect(Math.max(...late) - Math.min(...late)).toBeLessThan(1);
  });
});
