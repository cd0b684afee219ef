// Page half of bench/ux.js: one widget on the (fake) camera under StrictMode, in a provider with
// the executor of the round; per window it counts camera frames (rVFC), widget results, page
// frames (rAF) and long-task time, and reads the executor's transfer cost.
import { StrictMode, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { BackendPreference, ExecutorPreference, Runtime } from '@webcam-ml/core/runtime';
import { useWebcam } from '@webcam-ml/react/webcam';
import { usePose } from '@webcam-ml/react/pose';
import { useFaceInfo } from '@webcam-ml/react/face';
import { ClassifierTrainer, useTrainableClassifier } from '@webcam-ml/react/classifier';
import { useRuntime, WebcamMLProvider } from '@webcam-ml/react/runtime';
import { log, params, run } from '../lib/page';

type Widget = 'pose' | 'face' | 'classifier';
interface Params {
  widget: Widget;
  executors: Exclude<ExecutorPreference, 'auto'>[];
  seconds: number;
  rounds: number;
  backend: BackendPreference;
  /** The built, self-contained worker file, when there is one (bench/ux.js). */
  workerUrl: string | null;
}

const counts = { results: 0, presented: 0 };
/** When (ms after mount) the widget became ready and, for the classifier, each example was kept. */
const marks: { mountedAt: number; workerRunningMs: number | null; readyMs: number | null; examplesMs: number[] } = { mountedAt: 0, workerRunningMs: null, readyMs: null, examplesMs: [] };
const mark = () => Math.round(performance.now() - marks.mountedAt);
let live: { runtime: Runtime; backend: string | null; executor: string | undefined } | null = null;
/** What the widget reported last (read from outside React). */
const reported = () => live;

function useCameraFrames(element: HTMLVideoElement | null) {
  useEffect(() => {
    const v = element as (HTMLVideoElement & { requestVideoFrameCallback?: (cb: (now: number, m: { presentedFrames: number }) => void) => number }) | null;
    if (!v?.requestVideoFrameCallback) return;
    let on = true;
    const onFrame = (_: number, m: { presentedFrames: number }) => {
      counts.presented = m.presentedFrames;
      if (on) v.requestVideoFrameCallback!(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
    return () => void (on = false);
  }, [element]);
}

function Report({ backend, executor, status }: { backend: string | null; executor: string | undefined; status: string }) {
  const runtime = useRuntime();
  useEffect(() => {
    live = { runtime, backend, executor };
  });
  useEffect(() => {
    if (status === 'ready') marks.readyMs ??= mark();
  }, [status]);
  useEffect(() => {
    const running = () => runtime.executor?.getSnapshot().status === 'running' && (marks.workerRunningMs ??= mark());
    running();
    return runtime.executor?.subscribe(running);
  }, [runtime]);
  return <p>{`${backend ?? '—'} ${executor ?? '—'}`}</p>;
}

function Pose({ source }: { source: HTMLVideoElement | null }) {
  const pose = usePose({ source, model: 'lightning', onPoses: () => counts.results++ });
  return <Report backend={pose.backend} executor={pose.executor} status={pose.status} />;
}

function Face({ source }: { source: HTMLVideoElement | null }) {
  const face = useFaceInfo({ source, detector: 'tiny', inputSize: 224, withLandmarks: 'full', withExpressions: true, withAgeAndGender: true, onResult: () => counts.results++ });
  return <Report backend={face.backend} executor={face.executor} status={face.status} />;
}

function Classifier({ source }: { source: HTMLVideoElement | null }) {
  // Results count once there is something to predict (two classes of examples).
  const classifier = useTrainableClassifier({ source, minExamples: 2, onResult: (r) => r.reason !== 'too-few-examples' && counts.results++ });
  const { status, startRecording, stopRecording, engine } = classifier;
  // The trainer in use: each class recorded from the camera until it has three examples (about a
  // second), then predictions go on while a text input is typed into every animation frame.
  const ready = status === 'ready';
  const examples = classifier.classes.reduce((n, c) => n + c.count, 0);
  useEffect(() => {
    if (examples > marks.examplesMs.length) marks.examplesMs.push(mark());
  }, [examples]);
  useEffect(() => {
    if (!ready || !source) return;
    let on = true;
    const count = (label: string) => engine.getSnapshot().classes.find((c) => c.name === label)?.count ?? 0;
    void (async () => {
      for (const label of ['left', 'right']) {
        if (!on) return;
        startRecording(label);
        while (on && count(label) < 3) await sleep(50);
        stopRecording();
      }
    })();
    return () => {
      on = false;
      stopRecording();
    };
  }, [ready, source, startRecording, stopRecording, engine]);
  useEffect(() => {
    let frame = 0;
    const input = document.querySelector<HTMLInputElement>('#typing');
    const type = () => {
      if (input) input.value = `class ${performance.now().toFixed(0)}`;
      frame = requestAnimationFrame(type);
    };
    frame = requestAnimationFrame(type);
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <>
      <input id="typing" aria-label="class name" />
      <ClassifierTrainer classifier={classifier} />
      <Report backend={classifier.backend} executor={classifier.executor} status={classifier.status} />
    </>
  );
}

function App({ widget }: { widget: Widget }) {
  const cam = useWebcam();
  useCameraFrames(cam.video);
  const W = widget === 'pose' ? Pose : widget === 'face' ? Face : Classifier;
  return (
    <>
      <video {...cam.videoProps} style={{ width: 320 }} />
      <W source={cam.video} />
    </>
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Count page frames and long-task time over `ms`. */
async function window_(ms: number) {
  let frames = 0;
  let longMs = 0;
  let on = true;
  const tick = () => {
    frames++;
    if (on) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longMs += entry.duration;
  });
  observer.observe({ type: 'longtask', buffered: false });
  const start = { t: performance.now(), results: counts.results, presented: counts.presented };
  await sleep(ms);
  on = false;
  observer.disconnect();
  const seconds = (performance.now() - start.t) / 1000;
  return {
    cameraFps: (counts.presented - start.presented) / seconds,
    widgetFps: (counts.results - start.results) / seconds,
    pageFps: frames / seconds,
    longTaskShare: Math.min(1, longMs / 1000 / seconds),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

run(async () => {
  const p = params<Params>();
  const runs: unknown[] = [];
  const element = document.getElementById('root')!;
  for (let r = 0; r < p.rounds; r++) {
    for (const executor of p.executors) {
      counts.results = 0;
      live = null;
      const mountedAt = performance.now();
      Object.assign(marks, { mountedAt, workerRunningMs: null, readyMs: null, examplesMs: [] });
      const root: Root = createRoot(element);
      root.render(
        <StrictMode>
          <WebcamMLProvider executor={executor} backend={p.backend} releaseDelayMs={0} workerUrl={p.workerUrl ?? undefined}>
            <App widget={p.widget} />
          </WebcamMLProvider>
        </StrictMode>,
      );
      while (counts.results === 0) await sleep(20);
      const firstResultMs = performance.now() - mountedAt;
      await sleep(1000);
      const windows = [];
      const count = Math.max(1, Math.round(p.seconds / 2));
      for (let w = 0; w < count; w++) windows.push(await window_((p.seconds * 1000) / count));
      const now = reported();
      const transfer = now?.runtime.executor?.transferMs() ?? null;
      const row = {
        widget: p.widget,
        executor: (now?.executor ?? executor) as 'main' | 'worker',
        backend: now?.backend ?? String(p.backend),
        cameraFps: round(median(windows.map((w) => w.cameraFps)), 1),
        widgetFps: round(median(windows.map((w) => w.widgetFps)), 1),
        pageFps: round(median(windows.map((w) => w.pageFps)), 1),
        longTaskShare: round(median(windows.map((w) => w.longTaskShare)), 3),
        transferMs: now?.executor === 'worker' && transfer !== null ? round(transfer, 2) : null,
        firstResultMs: Math.round(firstResultMs),
        readyMs: marks.readyMs,
        ...(executor === 'worker' ? { workerRunningMs: marks.workerRunningMs } : {}),
        ...(p.widget === 'classifier' ? { examplesMs: marks.examplesMs.slice(0, 6) } : {}),
      };
      log(JSON.stringify(row));
      runs.push(row);
      root.unmount();
      await sleep(1500);
    }
  }
  return { runs };
});
