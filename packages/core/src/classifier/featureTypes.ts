// The classifier's feature extractor options: which numbers a frame becomes (re-exported by types.ts).
import type { Frame } from '../runtime/contracts';

/** Built-in feature extractors by name. */
export type FeatureName = 'image' | 'pose' | 'face' | 'hands';

/**
 * Image embeddings from the MobileNetV2 (ImageNet-pretrained, 224×224) that the `nsfwjs` npm
 * package ships, cut below its classification head and average-pooled.
 */
export interface ImageFeatureOptions {
  kind: 'image';
  /**
   * Where the network is cut. `'pooled'`: the last convolution (7×7×1280), pooled (see `pooling`)
   * to 4 × 1280 numbers; the most general, about 1.5× slower. `'mid'`: a mid-network block
   * (14×14×384), pooled to 4 × 384 numbers; faster, and it keeps more of the image's layout.
   * @default 'pooled'
   */
  layer?: 'pooled' | 'mid';
  /**
   * `'normalised'`: each frame is downscaled without aliasing (blocks of pixels averaged, which
   * halves a sensor's noise) and its levels mapped to a typical mean and spread before the
   * network, so a darker, brighter or flatter picture of the same scene gives the same input.
   * `'raw'`: the frame only resized (the embeddings of datasets made before this option; their
   * extractor id has no `:normalised` suffix).
   * @default 'normalised'
   */
  input?: 'normalised' | 'raw';
  /**
   * How the network's last feature map becomes the embedding. `'grid'`: the averages of its four
   * quarters, each scaled to unit length, side by side (4 × 1280 numbers for `'pooled'`): it keeps
   * where in the picture things are, left from right, up from down (with the `'invariant'` metric,
   * the robustness split went from 87.5-90.6% with `'average'` to 92.5-93.1%, docs/benchmarks.md).
   * `'average'`: one average over the whole map (1280 numbers; the embeddings of datasets made
   * before this option, whose extractor id has no `:grid` suffix).
   * @default 'grid'
   */
  pooling?: 'grid' | 'average';
}

/** MoveNet keypoints, centred on the hips and scaled by the torso, so position and distance do not matter. */
export interface PoseFeatureOptions {
  kind: 'pose';
  /**
   * Keypoints scored below this are left out (zeroed) of the embedding.
   * @default 0.2
   */
  minKeypointScore?: number;
}

/** Face descriptors from the face engine (one face: the largest). */
export interface FaceFeatureOptions {
  kind: 'face';
}

/**
 * One hand's 21 landmarks from the hands engine (the first hand found), centred, scaled and
 * described as a right hand (`handEmbedding`): the hand's shape and orientation, not where it is,
 * how big it looks or which hand makes it.
 */
export interface HandsFeatureOptions {
  kind: 'hands';
}

/** What a custom extractor gets besides the frame. */
export interface ExtractContext {
  /** Whether the classifier is set to mirror frames; flip your features when it is. */
  mirrored: boolean;
}

/** A function that turns a frame into numbers; `null` when the frame holds nothing to classify. */
export type ExtractFunction = (
  frame: Frame,
  context: ExtractContext,
) => Float32Array | null | Promise<Float32Array | null>;

/** Your own feature extractor. */
export interface CustomFeatureOptions {
  kind: 'custom';
  /** Saved with datasets: a dataset only imports into a classifier with the same id. */
  id: string;
  extract: ExtractFunction;
}

/** Any feature extractor description. */
export type FeatureOptions = ImageFeatureOptions | PoseFeatureOptions | FaceFeatureOptions | HandsFeatureOptions | CustomFeatureOptions;

/**
 * The `features` option: a built-in name, a full description, or a bare function (saved as id
 * `'custom'`).
 */
export type FeaturesOption = FeatureName | FeatureOptions | ExtractFunction;
