import * as tf from '@tensorflow/tfjs-core';

/**
 * An export as Teachable Machine's web app downloads it, from a library's `save(handler)`:
 * model.json (topology and a weights manifest pointing at `weights.bin`) and the weights.
 */
export async function exportFiles(save: (handler: tf.io.IOHandler) => Promise<unknown>): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const a = artifacts as unknown as tf.io.ModelArtifacts;
  const modelJson = JSON.stringify({ modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] });
  return { modelJson, weights: a.weightData as ArrayBuffer };
}
