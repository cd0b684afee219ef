// The face-api nets as shared, self-hosted models. We import face-api's NO-BUNDLE build: it imports
// `@tensorflow/tfjs/dist/index.js`, so it runs on the page's one TF.js (the same tfjs-core engine
// as the runtime and the pose models) instead of the copy of TF.js its default build carries.
import * as tf from '@tensorflow/tfjs-core';
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import type { LoadContext, ModelSpec } from '../runtime/contracts';
import { ModelLoadError } from '../runtime/ModelLoadError';
import type { ResolvedFaceOptions } from './types';

export type { FaceApi };

let faceApiModule: Promise<typeof FaceApi> | null = null;
let faceApiLoaded: typeof FaceApi | null = null;

/**
 * Loads face-api on first use, not at import: importing the face entry (or `@webcam-ml/react`) then
 * costs nothing in Node or on pages that never show a face widget, and server rendering never
 * evaluates `@tensorflow/tfjs/dist/index.js`, whose extension-less imports plain Node ESM rejects.
 */
export function loadFaceApi(): Promise<typeof FaceApi> {
  faceApiModule ??= import('@vladmandic/face-api/dist/face-api.esm-nobundle.js').then((api) => {
    inWorkerEnvironment(api);
    return (faceApiLoaded = api);
  });
  faceApiModule.catch(() => (faceApiModule = null));
  return faceApiModule;
}

/**
 * In a worker face-api finds neither a browser nor Node, and every net input check asks its
 * environment (`env.getEnv()` throws). Its docs: give it one with `env.setEnv` (`monkeyPatch`
 * needs an environment to patch). We hand it tensors only; canvases are OffscreenCanvas.
 */
function inWorkerEnvironment(api: typeof FaceApi): void {
  if (typeof document !== 'undefined' || typeof OffscreenCanvas === 'undefined' || api.env.isBrowser()) return;
  const unavailable = (what: string) => () => {
    throw new Error(`webcam-ml: face-api in a worker has no ${what}; it is given tensors`);
  };
  class NoElement {}
  api.env.setEnv({
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: NoElement,
    ImageData,
    Video: NoElement,
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: unavailable('image element'),
    createVideoElement: unavailable('video element'),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    readFile: unavailable('file system'),
  } as unknown as Parameters<typeof api.env.setEnv>[0]);
}

/** face-api, once a net has loaded (every estimate runs after its nets loaded). */
export function faceapi(): typeof FaceApi {
  if (!faceApiLoaded) throw new Error('webcam-ml: face-api is used before any face net loaded');
  return faceApiLoaded;
}

/** face-api's types carry their own copy of the tfjs-core declarations; the values are ours. */
export type NetInput = FaceApi.TNetInput;
export function asNetInput(tensor: tf.Tensor3D): NetInput {
  return tensor as unknown as NetInput;
}
type FaceApiTensorMap = Parameters<FaceApi.TinyFaceDetector['loadFromWeightMap']>[0];

/** Every face-api net we load, by name. */
export interface FaceNetTypes {
  tinyFaceDetector: FaceApi.TinyFaceDetector;
  ssdMobilenetv1: FaceApi.SsdMobilenetv1;
  faceLandmark68Net: FaceApi.FaceLandmark68Net;
  faceLandmark68TinyNet: FaceApi.FaceLandmark68TinyNet;
  faceExpressionNet: FaceApi.FaceExpressionNet;
  ageGenderNet: FaceApi.AgeGenderNet;
  faceRecognitionNet: FaceApi.FaceRecognitionNet;
}
export type FaceNetName = keyof FaceNetTypes;

interface NetDescription<N extends FaceNetName> {
  /** File stem under `${modelBaseUrl}face/`: `<stem>-weights_manifest.json` + its shards. */
  file: string;
  create: (api: typeof FaceApi) => FaceNetTypes[N];
  /** One inference on a blank image so the first real frame does not pay for kernel setup. */
  warmUp: (net: FaceNetTypes[N], blank: tf.Tensor3D, api: typeof FaceApi) => Promise<unknown>;
}

const NETS: { [N in FaceNetName]: NetDescription<N> } = {
  tinyFaceDetector: {
    file: 'tiny_face_detector_model',
    create: (api) => new api.TinyFaceDetector(),
    warmUp: (net, blank, api) => net.locateFaces(asNetInput(blank), new api.TinyFaceDetectorOptions({ inputSize: 224 })),
  },
  ssdMobilenetv1: {
    file: 'ssd_mobilenetv1_model',
    create: (api) => new api.SsdMobilenetv1(),
    warmUp: (net, blank, api) => net.locateFaces(asNetInput(blank), new api.SsdMobilenetv1Options()),
  },
  faceLandmark68Net: {
    file: 'face_landmark_68_model',
    create: (api) => new api.FaceLandmark68Net(),
    warmUp: (net, blank) => net.detectLandmarks(asNetInput(blank)),
  },
  faceLandmark68TinyNet: {
    file: 'face_landmark_68_tiny_model',
    create: (api) => new api.FaceLandmark68TinyNet(),
    warmUp: (net, blank) => net.detectLandmarks(asNetInput(blank)),
  },
  faceExpressionNet: {
    file: 'face_expression_model',
    create: (api) => new api.FaceExpressionNet(),
    warmUp: (net, blank) => net.predictExpressions(asNetInput(blank)),
  },
  ageGenderNet: {
    file: 'age_gender_model',
    create: (api) => new api.AgeGenderNet(),
    warmUp: (net, blank) => net.predictAgeAndGender(asNetInput(blank)),
  },
  faceRecognitionNet: {
    file: 'face_recognition_model',
    create: (api) => new api.FaceRecognitionNet(),
    warmUp: (net, blank) => net.computeFaceDescriptor(asNetInput(blank)),
  },
};

/**
 * Fetch a face-api weights manifest and its shards through the cache's `fetch` (deduplicated,
 * verified against manifest.json, progress-reporting) while the backend initialises, then decode
 * them into tensors on it.
 */
async function loadWeightMap(ctx: LoadContext, manifestUrl: string, shardHint: string): Promise<tf.NamedTensorMap> {
  // The shard the models CLI copies for this net is asked for together with its weights manifest,
  // not after it: one round trip sooner. Only a hint: the shards decoded are the ones the manifest
  // lists (the same URL joins this download), and a failure here is ignored.
  ctx.bytes(shardHint).catch(() => undefined);
  const bytes = await ctx.bytes(manifestUrl);
  let manifest: tf.io.WeightsManifestConfig;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as tf.io.WeightsManifestConfig;
  } catch (cause) {
    throw new ModelLoadError(manifestUrl, 'parse', undefined, { cause });
  }
  if (!Array.isArray(manifest)) throw new ModelLoadError(manifestUrl, 'parse', 'expected an array of weight groups');
  const prefix = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
  // The shard URLs as weightsLoaderFactory builds them (prefix + path).
  const shards = new Map(await Promise.all(manifest.flatMap((group) => group.paths.map(async (path) => [prefix + path, await ctx.bytes(prefix + path)] as const))));
  await ctx.backendReady();
  const load = tf.io.weightsLoaderFactory((urls) => Promise.all(urls.map((url) => shards.get(url) ?? ctx.bytes(url))));
  return load(manifest, prefix);
}

/** The cache description of one face-api net, self-hosted at `${modelBaseUrl}face/`. */
export function faceNetSpec<N extends FaceNetName>(name: N, resolveUrl: (path: string) => string): ModelSpec<FaceNetTypes[N]> {
  const description = NETS[name] as NetDescription<N>;
  // Resolved now, so the files loaded are the ones the key names even if modelBaseUrl changes
  // before the load starts.
  const manifestUrl = resolveUrl(`face/${description.file}-weights_manifest.json`);
  const shardUrl = resolveUrl(`face/${description.file}.bin`);
  return {
    key: `face-api:${name} ${manifestUrl}`,
    startsBeforeBackend: true,
    load: async (ctx) => {
      // face-api (and the TF.js it sets up) only once the backend is: nothing may pick one before.
      const [api, weights] = await Promise.all([ctx.backendReady().then(loadFaceApi), loadWeightMap(ctx, manifestUrl, shardUrl)]);
      const net = description.create(api);
      try {
        // face-api disposes the weight tensors its params do not use.
        net.loadFromWeightMap(weights as unknown as FaceApiTensorMap);
      } catch (cause) {
        tf.dispose(weights);
        throw cause;
      }
      const blank = tf.zeros<tf.Rank.R3>([64, 64, 3], 'int32');
      try {
        await description.warmUp(net, blank, api);
      } catch (cause) {
        net.dispose(false);
        throw cause;
      } finally {
        blank.dispose();
      }
      return net;
    },
    dispose: (net) => net.dispose(false),
  };
}

/** Which nets a set of options needs. */
export function planNets(options: ResolvedFaceOptions): FaceNetName[] {
  const names: FaceNetName[] = [];
  if (options.detector === 'tiny') names.push('tinyFaceDetector');
  if (options.detector === 'ssd') names.push('ssdMobilenetv1');
  if (options.withLandmarks === 'full') names.push('faceLandmark68Net');
  if (options.withLandmarks === 'tiny') names.push('faceLandmark68TinyNet');
  if (options.withExpressions) names.push('faceExpressionNet');
  if (options.withAgeAndGender) names.push('ageGenderNet');
  if (options.withDescriptors) names.push('faceRecognitionNet');
  return names;
}

/** The loaded nets one estimate uses (a net is absent when the options do not need it). */
export type FaceNets = Partial<FaceNetTypes>;
