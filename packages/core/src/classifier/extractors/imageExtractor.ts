import type { ImageFeatureOptions } from '../types';
import type { FeatureDescriptor } from './FeatureExtractor';
import { LeasedExtractor } from './LeasedExtractor';
import { MOBILENET_V2_CUTS, embedImage, embedImageViews, mobileNetV2Spec } from './mobileNetV2';

/** The `'image'` features (see `mobileNetV2.ts` for the model and the cuts). */
export function imageFeatures(options: ImageFeatureOptions): FeatureDescriptor {
  const cut = options.layer ?? 'pooled';
  if (!(cut in MOBILENET_V2_CUTS)) {
    throw new TypeError(`features.layer must be 'pooled' or 'mid'; got ${JSON.stringify(cut)}`);
  }
  const input = options.input ?? 'normalised';
  if (input !== 'raw' && input !== 'normalised') throw new TypeError(`features.input must be 'normalised' or 'raw'; got ${JSON.stringify(input)}`);
  const pooling = options.pooling ?? 'grid';
  if (pooling !== 'grid' && pooling !== 'average') throw new TypeError(`features.pooling must be 'grid' or 'average'; got ${JSON.stringify(pooling)}`);
  // 'raw' keeps the id of the embeddings made before light normalisation, and 'average' the id of
  // those made before the grid, so their datasets still load.
  const id = `image:mobilenet-v2:${cut}${input === 'raw' ? '' : ':normalised'}${pooling === 'grid' ? ':grid' : ''}`;
  const dimension = MOBILENET_V2_CUTS[cut].dimension * (pooling === 'grid' ? 4 : 1);
  return {
    id,
    dimension,
    create: (runtime) =>
      new LeasedExtractor(
        id,
        dimension,
        runtime.acquireModel(mobileNetV2Spec(runtime.resolveModelUrl, cut)),
        runtime.backend,
        (model, frame, ctx) => embedImage(model, cut, frame.pixels(), ctx.mirrored, input, pooling),
        (model, frame, ctx, views) => embedImageViews(model, cut, frame.pixels(), ctx.mirrored, input, views, pooling),
      ),
  };
}
