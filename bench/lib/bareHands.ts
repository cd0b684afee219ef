// The bare reference for hands: Human (@vladmandic/human, its own hand pipeline: handtrack detector
// and MediaPipe landmark model, detector on every frame) on the same model files and backend as ours.
// Its exports map names the no-bundle build without './', so it is reached by path: the build that
// imports our TF.js instead of carrying a second copy.
import { Human, type Config } from '../../node_modules/@vladmandic/human/dist/human.esm-nobundle.js';
import { resolveModelUrl, type BackendName } from '@webcam-ml/core/runtime';

export type BareHands = { keypoints: [number, number, number][]; score: number }[];

/** A Human instance with only hands on, reading `hands/` of our models folder; call `detect`. */
export async function createBareHands(backend: BackendName, model: 'lite' | 'full', maxHands = 2): Promise<{ detect: (input: HTMLImageElement | HTMLVideoElement | HTMLCanvasElement) => Promise<BareHands>; dispose: () => void }> {
  const config: Partial<Config> = {
    backend,
    wasmPath: resolveModelUrl('wasm/'),
    modelBasePath: new URL(resolveModelUrl('hands/'), location.href).href,
    async: false,
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { enabled: false } as Config['filter'],
    face: { enabled: false } as Config['face'],
    body: { enabled: false } as Config['body'],
    object: { enabled: false } as Config['object'],
    segmentation: { enabled: false } as Config['segmentation'],
    gesture: { enabled: false },
    hand: {
      enabled: true,
      rotation: true,
      maxDetected: maxHands,
      minConfidence: 0.5,
      iouThreshold: 0.2,
      skipFrames: 0,
      skipTime: 0,
      landmarks: true,
      detector: { modelPath: 'handtrack.json' },
      skeleton: { modelPath: `handlandmark-${model}.json` },
    } as Config['hand'],
  };
  const human = new Human(config);
  await human.load();
  return {
    detect: async (input) => {
      const result = await human.detect(input);
      return result.hand.map((h) => ({ keypoints: h.keypoints as [number, number, number][], score: h.score }));
    },
    dispose: () => {
      for (const m of Object.values(human.models.models)) (m as { dispose?: () => void } | null)?.dispose?.();
    },
  };
}
