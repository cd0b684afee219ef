// Times one model on every TF.js backend through the runtime (backendManager.use + modelCache),
// after recording what the automatic choice picked and why.
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { backendManager, modelCache, type BackendName, type LoadContext, type ModelSpec } from '@webcam-ml/core/runtime';
import { loadImage, log, params, run } from '../lib/page';

interface Params {
  /** model.json path under /models/ */
  model: string;
  frames: number;
  backends: BackendName[];
  /** Square input size used where the model's input has free dimensions. */
  size: number;
}

type AnyModel = { kind: 'graph'; model: GraphModel } | { kind: 'layers'; model: LayersModel };

function spec(path: string): ModelSpec<AnyModel> {
  return {
    key: `bench:${path}`,
    load: async (ctx: LoadContext) => {
      const url = ctx.resolveUrl(path);
      const json = (await (await ctx.fetch(url)).json()) as { format?: string };
      if (json.format === 'layers-model') return { kind: 'layers', model: await loadLayersModel(url, { fetchFunc: ctx.fetch }) };
      return { kind: 'graph', model: await loadGraphModel(url, { fetchFunc: ctx.fetch }) };
    },
    dispose: (m) => m.model.dispose(),
  };
}

function inputOf(m: AnyModel, size: number): { shape: number[]; dtype: tf.DataType } {
  const input = m.kind === 'graph' ? m.model.inputs[0] : { shape: m.model.inputs[0].shape, dtype: m.model.inputs[0].dtype };
  const shape = (input.shape ?? [1, size, size, 3]).map((d, i) => (d === null || d < 0 ? (i === 0 ? 1 : i === 3 ? 3 : size) : d));
  return { shape, dtype: (input.dtype ?? 'float32') as tf.DataType };
}

async function timeModel(m: AnyModel, image: HTMLImageElement, frames: number, size: number): Promise<number[]> {
  const { shape, dtype } = inputOf(m, size);
  const times: number[] = [];
  for (let i = -2; i < frames; i++) {
    const start = performance.now();
    const input = tf.tidy(() => tf.reshape(tf.cast(tf.image.resizeBilinear(tf.browser.fromPixels(image), [shape[1], shape[2]]), dtype), shape));
    const output = m.kind === 'graph' ? m.model.execute(input) : m.model.predict(input);
    const outputs = Array.isArray(output) ? output : [output as tf.Tensor];
    await Promise.all(outputs.map((t) => t.data()));
    tf.dispose([input, ...outputs]);
    if (i >= 0) times.push(performance.now() - start); // the first two runs compile and warm up
  }
  return times;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

run(async () => {
  const p = params<Params>();
  const image = await loadImage('/fixtures/pose/pose.jpg');
  const t0 = performance.now();
  const auto = await backendManager.acquire();
  const selectionMs = performance.now() - t0;
  const { reason, probes } = backendManager.getSnapshot();
  log(`auto picked ${auto} in ${Math.round(selectionMs)} ms: ${reason}`);
  const lease = modelCache.acquire(spec(p.model));
  const results: { backend: BackendName; msPerFrame: number | null; loadMs: number | null; note: string }[] = [];
  for (const name of p.backends) {
    const active = await backendManager.use(name);
    if (active !== name) {
      const probe = backendManager.getSnapshot().probes.find((x) => x.name === name);
      results.push({ backend: name, msPerFrame: null, loadMs: null, note: `unavailable: ${probe?.note ?? 'failed'}` });
      log(`${name}: unavailable`);
      continue;
    }
    const loadStart = performance.now();
    const model = await lease.ready();
    const loadMs = performance.now() - loadStart;
    const times = await timeModel(model, image, p.frames, p.size);
    const note = backendManager.getSnapshot().probes.find((x) => x.name === name)?.note ?? '';
    results.push({ backend: name, msPerFrame: Math.round(median(times) * 10) / 10, loadMs: Math.round(loadMs), note });
    log(`${name}: ${median(times).toFixed(1)} ms/frame`);
  }
  lease.release();
  return { model: p.model, frames: p.frames, auto, reason, probes, selectionMs: Math.round(selectionMs), results, userAgent: navigator.userAgent, crossOriginIsolated };
});
