// The classifier bench page: train on part of each class's frames and test on the rest, through
// useTrainableClassifier (bench/pages/classifier.split.tsx), then time the bare embedding against
// the hook's classify() on the same frames, alternating.
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, model as functionalModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { backendManager, type BackendName } from '@webcam-ml/core/runtime';
import type { FeatureName } from '@webcam-ml/core/classifier';
import { compareLoads, fileUrl, frameCount, loadVideo, log, mainRuntime, params, hookLoader, run, seekFrame } from '../lib/page';
import { median, mountClassifier, parseClasses, runSplit } from './classifier.split';

interface Params {
  video: string;
  classes: string;
  trainEvery: number;
  /** Temporal split: tests from this many frames after each range's start (null: interleaved). */
  testFrom: number | null;
  augment: boolean;
  features: FeatureName;
  backend: BackendName;
  fps: number;
  k: number;
  repeats: number;
  threshold: number;
  minExamples: number;
  /** Cold load rounds, hook and bare alternating (bench/lib/page.ts compareLoads). */
  loadRounds: number;
}

/**
 * The bare equivalent of the 'image' features: the same MobileNetV2 layers model, cut at out_relu
 * (the 'pooled' embedding) and warmed up once on zeros. The hook's model spec also builds and warms
 * the 'mid' cut (packages/core/src/classifier/extractors/mobileNetV2.ts), which the bare side skips.
 */
async function bareEmbedder(modelBaseUrl: string) {
  const base = await loadLayersModel(`${modelBaseUrl}classifier/mobilenet-v2/model.json`);
  const decoded = performance.now();
  const warm = (layer: string) => {
    const cut = functionalModel({ inputs: base.inputs, outputs: base.getLayer(layer).output as SymbolicTensor });
    tf.tidy(() => {
      (cut.predict(tf.zeros([1, 224, 224, 3])) as tf.Tensor).dataSync();
    });
  };
  warm('out_relu');
  return {
    decoded,
    /** Untimed, after the load: what the hook's extra 'mid' cut warm-up costs (the load rounds report it). */
    warmMidCut: () => {
      const started = performance.now();
      warm('block_10_expand_relu');
      return performance.now() - started;
    },
    dispose: () => {
      base.dispose();
    },
  };
}

run(async () => {
  const p = params<Params>();
  const classes = parseClasses(p.classes);
  const video = await loadVideo(fileUrl(p.video));
  const frames = frameCount(video, p.fps);
  const last = Math.max(...classes.map((c) => c.to));
  if (last >= frames) throw new Error(`--classes reaches frame ${last} but the video has ${frames} frames at ${p.fps} fps`);
  await backendManager.use(p.backend);
  const hookOptions = { features: p.features, augment: p.augment, k: p.k, threshold: p.threshold, minExamples: p.minExamples, predict: false, thumbnailSize: 0 };
  // Load: cold (a fresh no-store folder URL per load), alternating hook and bare. The hook from
  // mount to the engine's ready() (manifest, extractor download, verification, decode, warm-up);
  // the bare MobileNetV2 from loadLayersModel to the end of its warm-up. Only for 'image' features
  // (the others have no bare counterpart here).
  const load =
    p.features === 'image'
      ? await compareLoads(p.loadRounds, {
          hook: hookLoader((runtime) => mountClassifier(video, hookOptions, { runtime })),
          bare: async (base) => {
            const bare = await bareEmbedder(base);
            const counts: Record<string, number> = {};
            const unload = () => {
              counts.midCutWarmUpMs = Math.round(bare.warmMidCut());
              bare.dispose();
            };
            return { unload, marks: { decoded: bare.decoded }, counts };
          },
        })
      : null;
  if (load) log(`load median of ${p.loadRounds}: hook ${load.median.hook.toFixed(0)} ms, bare ${load.median.bare.toFixed(0)} ms (hook/bare ${load.ratio.toFixed(2)})`);
  const clf = await mountClassifier(video, hookOptions, { runtime: mainRuntime });
  try {
    const backend = clf.current().backend;
    log(`${p.features} features on ${backend}, ${frames} frames at ${p.fps} fps`);
    const split = await runSplit(video, clf.current, classes, { trainEvery: p.trainEvery, testFrom: p.testFrom ?? null }, log, p.fps);
    log(`accuracy ${(split.accuracy * 100).toFixed(1)}% (${split.nTrain} train, ${split.nTest} test)`);

    // Whole-frame cost: the bare embedding (engine.embed) against the hook's classify() (embedding
    // + KNN + state + listeners), alternating on the same test frames so drift hits both alike.
    const bare: number[] = [];
    const hook: number[] = [];
    let pair = 0;
    for (const t of split.predictions) {
      await seekFrame(video, t.frame, p.fps);
      for (let r = 0; r < p.repeats; r++, pair++) {
        const order = pair % 2 === 0 ? ['bare', 'hook'] : ['hook', 'bare'];
        for (const kind of order) {
          const started = performance.now();
          if (kind === 'bare') await clf.current().engine.embed(video);
          else await clf.current().classify();
          (kind === 'bare' ? bare : hook).push(performance.now() - started);
        }
      }
    }
    // The KNN step alone is far below the page's timer resolution (0.1 ms): time it in batches.
    const embedding = await clf.current().engine.embed(video);
    const knn: number[] = [];
    if (embedding) {
      for (let batch = 0; batch < 20; batch++) {
        const started = performance.now();
        for (let i = 0; i < 50; i++) await clf.current().engine.classifyEmbedding(embedding);
        knn.push((performance.now() - started) / 50);
      }
    }
    const bareMs = median(bare);
    const hookMs = median(hook);
    return {
      accuracy: split.accuracy,
      split: p.testFrom === null || p.testFrom === undefined ? 'interleaved (lookup)' : `temporal (tests from +${p.testFrom})`,
      augment: p.augment,
      trainingMs: split.trainingMs,
      nTrain: split.nTrain,
      nTest: split.nTest,
      msPerFrame: { embed: split.msPerFrame.embed, classify: knn.length ? median(knn) : split.msPerFrame.classify },
      overhead: {
        bareEmbedMs: bareMs,
        classifyFrameMs: hookMs,
        ratio: hookMs / bareMs - 1,
      },
      loadMs: load ? { hook: Math.round(load.median.hook), bare: Math.round(load.median.bare), ratio: load.ratio } : null,
      load,
      backend,
      features: p.features,
      extractor: clf.current().extractor,
    };
  } finally {
    clf.unmount();
  }
});
