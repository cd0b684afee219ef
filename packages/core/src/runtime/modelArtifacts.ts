/**
 * A TF.js model (graph or layers) read through a model load's context: model.json and its weight
 * shards come from `ctx.bytes` (one download per URL per page, verified, with progress), and the
 * shards are handed to TF.js as they are, one buffer each: `tf.io.http` would wrap every verified
 * buffer in a `Response`, read it back into a copy and then concatenate the copies into a third.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LoadContext } from './contracts';
import { ModelLoadError } from './ModelLoadError';

/** An IOHandler for `loadGraphModel` / `loadLayersModel` (or pose-detection's `modelUrl`) over `path`'s files. */
export async function loadModelArtifacts(ctx: LoadContext, path: string): Promise<tf.io.IOHandler> {
  const url = ctx.resolveUrl(path);
  const text = new TextDecoder().decode(await ctx.bytes(url));
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(text) as tf.io.ModelJSON;
  } catch (cause) {
    throw new ModelLoadError(url, 'parse', cause instanceof Error ? cause.message : undefined, { cause });
  }
  if (json === null || typeof json !== 'object' || json.modelTopology === undefined) {
    throw new ModelLoadError(url, 'parse', 'not a TF.js model.json (no modelTopology)');
  }
  const artifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
    const specs = manifest.flatMap((group) => group.weights);
    const shards = manifest.flatMap((group) => group.paths.map((p) => new URL(p, url).href));
    const buffers = await Promise.all(shards.map((shard) => ctx.bytes(shard)));
    return [specs, buffers.length === 1 ? buffers[0] : buffers];
  });
  return tf.io.fromMemory(artifacts);
}
