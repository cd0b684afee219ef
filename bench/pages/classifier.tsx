// The classifier bench page: train on part of each class's frames and test on the rest, through
// useTrainableClassifier (bench/pages/classifier.split.tsx), then time the bare embedding against
// the hook's classify() on the same frames, alternating.
import { backendManager, type BackendName } from '@webcam-ml/core/runtime';
import type { FeatureName } from '@webcam-ml/core/classifier';
import { fileUrl, frameCount, loadVideo, log, params, run, seekFrame } from '../lib/page';
import { median, mountClassifier, parseClasses, runSplit } from './classifier.split';

interface Params {
  video: string;
  classes: string;
  trainEvery: number;
  features: FeatureName;
  backend: BackendName;
  fps: number;
  k: number;
  repeats: number;
  threshold: number;
  minExamples: number;
}

run(async () => {
  const p = params<Params>();
  const classes = parseClasses(p.classes);
  const video = await loadVideo(fileUrl(p.video));
  const frames = frameCount(video, p.fps);
  const last = Math.max(...classes.map((c) => c.to));
  if (last >= frames) throw new Error(`--classes reaches frame ${last} but the video has ${frames} frames at ${p.fps} fps`);
  await backendManager.use(p.backend);
  // Load: from mount to the engine's ready() (extractor download, decode and warm-up).
  const loadStarted = performance.now();
  const clf = await mountClassifier(video, { features: p.features, k: p.k, threshold: p.threshold, minExamples: p.minExamples, predict: false, thumbnailSize: 0 });
  const hookLoadMs = performance.now() - loadStarted;
  try {
    const backend = clf.current().backend;
    log(`${p.features} features on ${backend}, ${frames} frames at ${p.fps} fps`);
    const split = await runSplit(video, clf.current, classes, p.trainEvery, log, p.fps);
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
      nTrain: split.nTrain,
      nTest: split.nTest,
      msPerFrame: { embed: split.msPerFrame.embed, classify: knn.length ? median(knn) : split.msPerFrame.classify },
      overhead: {
        bareEmbedMs: bareMs,
        classifyFrameMs: hookMs,
        ratio: hookMs / bareMs - 1,
      },
      loadMs: { hook: Math.round(hookLoadMs) },
      backend,
      features: p.features,
      extractor: clf.current().extractor,
    };
  } finally {
    clf.unmount();
  }
});
