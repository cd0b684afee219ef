#!/usr/bin/env node
// Server-rendering check on the BUILT packages (what users install): imports every public entry in
// plain Node (no window, navigator or document) and renders every component and hook to a string.
// Exits non-zero, naming the culprit, on any failure. Run after `npm run build`.
import { StrictMode, createElement as h } from 'react';
import { renderToString } from 'react-dom/server';

if (typeof window !== 'undefined' || typeof document !== 'undefined' || typeof navigator !== 'undefined' && 'mediaDevices' in navigator) {
  throw new Error('ssr-check must run in plain Node, without DOM globals');
}

const entries = [
  '@webcam-ml/core',
  '@webcam-ml/core/runtime',
  '@webcam-ml/core/pose',
  '@webcam-ml/core/face',
  '@webcam-ml/core/segmentation',
  '@webcam-ml/core/hands',
  '@webcam-ml/core/classifier',
  '@webcam-ml/core/testing',
  '@webcam-ml/react',
  '@webcam-ml/react/webcam',
  '@webcam-ml/react/runtime',
  '@webcam-ml/react/pose',
  '@webcam-ml/react/face',
  '@webcam-ml/react/segmentation',
  '@webcam-ml/react/hands',
  '@webcam-ml/react/classifier',
];

const failures = [];
const modules = {};
for (const entry of entries) {
  try {
    modules[entry] = await import(entry);
  } catch (error) {
    failures.push(`import ${entry}: ${error.stack ?? error}`);
  }
}

const r = modules['@webcam-ml/react'];
if (r) {
  const face = {
    id: 1,
    box: { x: 10, y: 10, width: 50, height: 50 },
    score: 0.9,
    landmarks: null,
    age: 30,
    gender: 'female',
    genderProbability: 0.9,
    expressions: { neutral: 0.9, happy: 0.05, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0.05 },
    dominantExpression: 'neutral',
    descriptor: null,
  };
  const frameSize = { width: 640, height: 480 };
  function WithWebcamView() {
    return h(r.WebcamView, { webcam: r.useWebcam({ mirrored: true }) });
  }
  function WithTrainer() {
    return h(r.ClassifierTrainer, { classifier: r.useTrainableClassifier({ features: 'pose' }), initialClasses: ['up', 'down'] });
  }
  function WithProcessedStream() {
    const seg = r.useSegmentation({});
    const stream = r.useProcessedStream(null);
    return h('p', null, `${seg.status} ${stream === null}`);
  }
  function WithHooks() {
    const pose = r.usePose({});
    const faces = r.useFaceInfo({});
    const backend = r.useBackend();
    return h('p', null, `${pose.status} ${faces.status} ${backend.status}`);
  }
  const cases = {
    Webcam: h(r.Webcam, { mirrored: true, objectFit: 'cover' }),
    WebcamView: h(WithWebcamView),
    PoseView: h(r.PoseView, { src: '/video.mp4' }),
    PoseOverlay: h(r.PoseOverlay, { poses: [], frameSize }),
    HandView: h(r.HandView, { src: '/video.mp4' }),
    HandOverlay: h(r.HandOverlay, { hands: [], frameSize }),
    FaceInfoOverlay: h(r.FaceInfoOverlay, { faces: [face], frameSize }),
    FaceInfoCard: h(r.FaceInfoCard, { face }),
    ExpressionMeter: h(r.ExpressionMeter, { face }),
    ClassifierTrainer: h(WithTrainer),
    BackgroundEffect: h(r.BackgroundEffect, { effect: 'blur' }),
    'useSegmentation + useProcessedStream': h(WithProcessedStream),
    PredictionBars: h(r.PredictionBars, { prediction: { label: 'up', confidences: [{ label: 'up', confidence: 0.8 }, { label: 'down', confidence: 0.2 }] } }),
    PerformanceDisplay: h(r.PerformanceDisplay, { stats: { fps: 30, latencyMs: 20, droppedFrames: 0, backend: 'wasm' } }),
    'WebcamMLProvider + hooks': h(r.WebcamMLProvider, { modelBaseUrl: '/models/' }, h(WithHooks)),
  };
  for (const [name, element] of Object.entries(cases)) {
    try {
      const html = renderToString(h(StrictMode, null, element));
      if (!html) failures.push(`${name}: rendered nothing`);
    } catch (error) {
      failures.push(`${name}: ${error.stack ?? error}`);
    }
  }
  console.log(`ssr-check: ${entries.length} entries imported, ${Object.keys(cases).length} components rendered in Node`);
}

if (failures.length) {
  console.error(`ssr-check failed:\n${failures.join('\n\n')}`);
  process.exit(1);
}
