import type { FeatureOptions, FeaturesOption } from '../types';
import { customFeatures } from './customExtractor';
import { faceFeatures } from './faceExtractor';
import { handsFeatures } from './handsExtractor';
import type { FeatureDescriptor } from './FeatureExtractor';
import { imageFeatures } from './imageExtractor';
import { poseFeatures } from './poseExtractor';

/** Resolve the `features` option into a descriptor (id, size) that can create the extractor. */
export function describeFeatures(option: FeaturesOption): FeatureDescriptor {
  if (typeof option === 'function') return customFeatures({ kind: 'custom', id: 'custom', extract: option });
  const spec: FeatureOptions = typeof option === 'string' ? ({ kind: option } as FeatureOptions) : option;
  switch (spec.kind) {
    case 'image':
      return imageFeatures(spec);
    case 'pose':
      return poseFeatures(spec);
    case 'face':
      return faceFeatures(spec);
    case 'hands':
      return handsFeatures(spec);
    case 'custom':
      return customFeatures(spec);
    default:
      throw new TypeError(
        `features must be 'image', 'pose', 'face', 'hands', { kind: 'custom', id, extract } or a function; got ${JSON.stringify(option)}`,
      );
  }
}

/** A key that changes when the features option means different features. */
export function featuresKey(option: FeaturesOption): string {
  if (typeof option === 'function') return 'custom';
  if (typeof option === 'string') return option;
  switch (option.kind) {
    case 'image':
      return `image:${option.layer ?? 'pooled'}:${option.input ?? 'normalised'}:${option.pooling ?? 'grid'}`;
    case 'pose':
      return `pose:${option.minKeypointScore ?? 0.2}`;
    case 'custom':
      return `custom:${option.id}`;
    default:
      return option.kind;
  }
}
