import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceEngine, type FaceBox, type FaceEngineOptions, type FaceInfo } from '@webcam-ml/core/face';
import { backendManager, configure } from '@webcam-ml/core/runtime';

// face-api.js's own expectations (fixtures/face/expected.json, from its test suite), checked
// through FaceEngine.estimate, the code path of the hook, on the two real backends here.
interface Expected {
  tinyFaceDetector: {
    image: string;
    faceCount: number;
    boxes: FaceBox[];
    inputSize320: { scores: number[]; maxScoreDelta: number; maxBoxDelta: number };
    inputSize416: { scores: number[]; maxScoreDelta: number; maxBoxDelta: number };
  };
  ageGender: Record<string, { ageMin: number; ageMax: number; gender: 'male' | 'female'; genderProbabilityMin: number }>;
  expressions: Record<string, Record<string, number>>;
  noFace: string[];
}

let expected: Expected;
const images = new Map<string, HTMLImageElement>();

async function image(name: string): Promise<HTMLImageElement> {
  const cached = images.get(name);
  if (cached) return cached;
  const img = new Image();
  img.src = `/fixtures/face/${name}`;
  await img.decode();
  images.set(name, img);
  return img;
}

async function estimateOnce(name: string, options: FaceEngineOptions): Promise<FaceInfo[]> {
  const engine = new FaceEngine({ smoothing: 0, ...options });
  try {
    return [...(await engine.estimate(await image(name), 0)).faces];
  } finally {
    engine.dispose();
  }
}

const byRow = (a: FaceBox, b: FaceBox) => a.y - b.y || a.x - b.x;
// Upstream lists the expected scores in the order of its sortBoxes (distance to the origin).
const byDistanceToOrigin = (a: FaceBox, b: FaceBox) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y);

beforeAll(async () => {
  expected = (await (await fetch('/fixtures/face/expected.json')).json()) as Expected;
});

afterAll(() => {
  configure({ backend: 'auto' });
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`given the ${backend} backend and face-api.js's expectations`, () => {
    beforeAll(async () => {
      await backendManager.use(backend);
    });

    for (const inputSize of [416, 320] as const) {
      it(`finds the six faces of faces.jpg at input size ${inputSize} within the upstream box and score tolerances`, async () => {
        const spec = expected.tinyFaceDetector;
        const tolerance = spec[`inputSize${inputSize}`];
        const faces = await estimateOnce(spec.image, { detector: 'tiny', inputSize, withLandmarks: false, withExpressions: false, withAgeAndGender: false });
        expect(faces).toHaveLength(spec.faceCount);

        const want = [...spec.boxes].sort(byDistanceToOrigin).map((box, i) => ({ box, score: tolerance.scores[i] })).sort((a, b) => byRow(a.box, b.box));
        const got = [...faces].sort((a, b) => byRow(a.box, b.box));
        let worstBox = 0;
        let worstScore = 0;
        got.forEach((face, i) => {
          for (const key of ['x', 'y', 'width', 'height'] as const) worstBox = Math.max(worstBox, Math.abs(face.box[key] - want[i].box[key]));
          worstScore = Math.max(worstScore, Math.abs(face.score - want[i].score));
        });
        console.log(`[face-accuracy] ${backend} faces.jpg @${inputSize}: worst box error ${worstBox.toFixed(2)} px, worst score error ${worstScore.toFixed(3)}`);
        expect(engineBackend()).toBe(backend);
        expect(worstBox).toBeLessThan(tolerance.maxBoxDelta);
        expect(worstScore).toBeLessThan(tolerance.maxScoreDelta);
      });
    }

    for (const name of ['angry_cropped.jpg', 'surprised_cropped.jpg']) {
      it(`gives ${name} the expected age range, gender and dominant expression`, async () => {
        const want = expected.ageGender[name];
        const [expression, min] = Object.entries(expected.expressions[name])[0];
        const dominant = expression.replace(/Min$/, '');
        // The images are already cropped to the face, as upstream feeds them to the nets.
        const faces = await estimateOnce(name, { detector: 'none', withLandmarks: false });
        expect(faces).toHaveLength(1);
        const [face] = faces;
        console.log(
          `[face-accuracy] ${backend} ${name}: age ${face.age?.toFixed(1)} (want ${want.ageMin}-${want.ageMax}), ${face.gender} ${face.genderProbability?.toFixed(3)}, ` +
            `${face.dominantExpression} ${face.expressions?.[face.dominantExpression!].toFixed(4)}`,
        );
        expect(face.age).toBeGreaterThanOrEqual(want.ageMin);
        expect(face.age).toBeLessThanOrEqual(want.ageMax);
        expect(face.gender).toBe(want.gender);
        expect(face.genderProbability).toBeGreaterThanOrEqual(want.genderProbabilityMin);
        expect(face.dominantExpression).toBe(dominant);
        expect(face.expressions![face.dominantExpression!]).toBeGreaterThan(min);
      });
    }

    it('finds no face in white.png', async () => {
      for (const name of expected.noFace) {
        expect(await estimateOnce(name, { detector: 'tiny', inputSize: 416 })).toEqual([]);
      }
    });
  });
}

function engineBackend(): string | null {
  return backendManager.getSnapshot().backend;
}
