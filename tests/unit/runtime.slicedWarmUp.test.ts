// The sliced warm-up of a layers model (issue 16: MobileNetV2's one-piece warm-up held the main
// thread while pose waited): the same layers as predict, every intermediate freed, pauses between slices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { warmUpLayersInSlices } from '../../packages/core/src/runtime/slicedWarmUp';

/** A small functional model with a residual add, like MobileNetV2's blocks. */
function residualModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [8, 8, 3] });
  const a = tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tfl.SymbolicTensor;
  const b = tfl.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(a) as tfl.SymbolicTensor;
  const sum = tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor;
  const out = tfl.layers.batchNormalization().apply(sum) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

describe('given a layers model with a residual connection, on cpu', () => {
  let model: tfl.LayersModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = residualModel();
  });
  afterAll(() => model.dispose());

  it('runs every layer in order, pausing between slices, and frees every tensor it made', async () => {
    const input = tf.randomUniform([1, 8, 8, 3]);
    const before = tf.memory().numTensors;
    let pauses = 0;
    await warmUpLayersInSlices(model, input, async () => void pauses++, 0);
    // One pause after each of the 4 layers past the input (a slice of 0 ms ends after every layer).
    expect(pauses).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    expect(input.isDisposed).toBe(false);
    input.dispose();
  });

  it('stops at a rejected pause (an aborted load) and still frees what it made', async () => {
    const input = tf.zeros([1, 8, 8, 3]);
    const before = tf.memory().numTensors;
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    await expect(warmUpLayersInSlices(model, input, () => Promise.reject(abort), 0)).rejects.toBe(abort);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });
});
