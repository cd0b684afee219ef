/**
 * A layers model's warm-up in slices, for `ModelSpec.load`: the layers run one by one on a blank
 * input, and every `sliceMs` the warm-up waits for `ctx.betweenFrames()`. On WebGL each layer's
 * first run compiles its shader programs synchronously (MobileNetV2: ~3.5 s on SwiftShader);
 * in one `predict` that held the main thread, so the frames of every other task on the page
 * stopped until it was over (after a context loss, pose waited for the classifier). The layers
 * run exactly as `predict` runs them (`layer.apply` in topological order), so they compile the
 * same programs and the first real frame compiles nothing more.
 */
import * as tf from '@tensorflow/tfjs-core';

/** What is read of a tfjs-layers `LayersModel` (structural, so the runtime does not import tfjs-layers). */
export interface SliceableLayersModel {
  inputs: readonly { id: number }[];
  outputs: readonly { id: number }[];
  layers: readonly {
    getClassName(): string;
    inboundNodes: readonly { inputTensors: readonly { id: number }[]; outputTensors: readonly { id: number }[] }[];
    apply(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): unknown;
  }[];
  predict(input: tf.Tensor): tf.Tensor | tf.Tensor[];
}

/** How long one slice of synchronous work may hold the main thread, ms. */
const SLICE_MS = 200;

/**
 * Run `model` once on `input` (not disposed here), pausing for `between()` every `sliceMs`, and
 * wait for the output on the device. A model whose layers are not each applied once in it (a
 * shared layer, several inputs) is run in one `predict`.
 * @param sliceMs the longest synchronous slice
 * @default 200
 */
export async function warmUpLayersInSlices(model: SliceableLayersModel, input: tf.Tensor, between: () => Promise<void>, sliceMs = SLICE_MS): Promise<void> {
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  if (model.inputs.length !== 1 || model.outputs.length !== 1 || layers.some((layer) => layer.inboundNodes.length !== 1 || layer.inboundNodes[0].outputTensors.length !== 1)) {
    const outs = tf.tidy(() => [model.predict(input)].flat());
    try {
      await Promise.all(outs.map((t) => t.data()));
    } finally {
      tf.dispose(outs);
    }
    return;
  }
  // How many layers still read each value, so each is freed after its last reader.
  const readers = new Map<number, number>();
  for (const layer of layers) for (const { id } of layer.inboundNodes[0].inputTensors) readers.set(id, (readers.get(id) ?? 0) + 1);
  const values = new Map<number, tf.Tensor>([[model.inputs[0].id, input]]);
  const free = (id: number) => {
    const value = values.get(id);
    values.delete(id);
    if (value && value !== input) value.dispose();
  };
  try {
    let sliceStart = performance.now();
    for (const layer of layers) {
      const node = layer.inboundNodes[0];
      const inputs = node.inputTensors.map(({ id }) => {
        const value = values.get(id);
        if (!value) throw new Error('webcam-ml: a layer ran before its input (the layers are not in topological order)');
        return value;
      });
      const output = tf.tidy(() => layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor);
      values.set(node.outputTensors[0].id, output);
      for (const { id } of node.inputTensors) {
        const left = (readers.get(id) ?? 1) - 1;
        readers.set(id, left);
        if (left === 0) free(id);
      }
      if (performance.now() - sliceStart >= sliceMs) {
        await between();
        sliceStart = performance.now();
      }
    }
    const out = values.get(model.outputs[0].id);
    if (!out) throw new Error('webcam-ml: the warm-up did not reach the model output');
    await out.data();
  } finally {
    for (const id of [...values.keys()]) free(id);
  }
}
