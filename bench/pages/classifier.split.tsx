// Train-and-test split of a video through useTrainableClassifier's own code path, stepped frame by
// frame. Shared by the classifier bench (bench/classifier.js) and the browser accuracy test.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { Runtime } from '@webcam-ml/core/runtime';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { useTrainableClassifier, type UseTrainableClassifierOptions, type UseTrainableClassifierResult } from '@webcam-ml/react/classifier';
import type { ClassifierPrediction } from '@webcam-ml/core/classifier';
import { median, seekFrame } from '../lib/page';
import { alterFrame, type Alteration } from './classifier.alter';

export { median };

/** A class and its frame range (inclusive). */
export interface ClassRange {
  label: string;
  from: number;
  to: number;
}

export interface SplitResult {
  accuracy: number;
  nTrain: number;
  nTest: number;
  /** Medians over the test frames, ms. */
  msPerFrame: { embed: number; classify: number };
  /** Adding every training example (embedding, augmented copies) and, with the dense head, `train()`, ms. */
  trainingMs: { addExamples: number; train: number };
  /** Every test frame's prediction. */
  predictions: { frame: number; expected: string; alteration: string | null; prediction: ClassifierPrediction }[];
}

/** Parse `"A:0-59,B:60-119"`. */
export function parseClasses(text: string): ClassRange[] {
  return text.split(',').map((part) => {
    const match = /^\s*([^:]+):(\d+)-(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`--classes: "${part}" is not LABEL:FROM-TO`);
    const [, label, from, to] = match;
    if (Number(to) < Number(from)) throw new Error(`--classes: "${part}" ends before it starts`);
    return { label: label.trim(), from: Number(from), to: Number(to) };
  });
}

/**
 * Mount the hook (under StrictMode) on `video`; resolves with a handle to its latest result. With
 * `runtime`, inside a `<WebcamMLProvider>` on it; without, on the page's runtime.
 */
export async function mountClassifier(
  video: HTMLVideoElement,
  options: UseTrainableClassifierOptions,
  { awaitReady = true, runtime }: { awaitReady?: boolean; runtime?: Runtime } = {},
): Promise<{ current: () => UseTrainableClassifierResult; unmount: () => void }> {
  let latest: UseTrainableClassifierResult | null = null;
  function Probe() {
    latest = useTrainableClassifier({ ...options, source: video });
    return null;
  }
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  flushSync(() =>
    root.render(
      <StrictMode>
        {runtime ? (
          <WebcamMLProvider runtime={runtime}>
            <Probe />
          </WebcamMLProvider>
        ) : (
          <Probe />
        )}
      </StrictMode>,
    ),
  );
  const current = () => {
    if (!latest) throw new Error('the classifier hook did not render');
    return latest;
  };
  if (awaitReady) await current().engine.ready();
  return {
    current,
    unmount: () => {
      root.unmount();
      host.remove();
    },
  };
}


/** One frame of a split: its class, where it comes from, and how to produce it (seek, alter). */
export interface SplitItem {
  label: string;
  /** The frame's index in its video (or the image's index), for the report. */
  frame: number;
  /** The alteration applied (test frames of a robustness split), or null. */
  alteration: string | null;
  /** Produce the frame: the element to classify (the video after a seek, or an altered canvas). */
  load: () => Promise<HTMLVideoElement | HTMLImageElement | HTMLCanvasElement>;
}

/** How a video's class ranges are split into training and test frames. */
export interface SplitOptions {
  /** Frames whose index is a multiple of this train (within the training part). @default 3 */
  trainEvery?: number;
  /**
   * Temporal split: within each class range, frames from `from + testFrom` on are tests and only
   * earlier frames train (every `trainEvery`-th). `null`: the interleaved ("lookup") split, where
   * the frames between training frames are the tests. @default null
   */
  testFrom?: number | null;
  /** Test each test frame under each of these alterations instead of as it is. @default [] */
  alterations?: readonly Alteration[];
  /** Frame rate used to number frames. @default 30 */
  fps?: number;
}

/** The training and test items of a video's class ranges. */
export function videoSplit(video: HTMLVideoElement, classes: ClassRange[], options: SplitOptions = {}): { train: SplitItem[]; test: SplitItem[] } {
  const { trainEvery = 3, testFrom = null, alterations = [], fps = 30 } = options;
  const train: SplitItem[] = [];
  const test: SplitItem[] = [];
  const at = (frame: number) => async () => {
    await seekFrame(video, frame, fps);
    return video;
  };
  for (const c of classes) {
    for (let i = c.from; i <= c.to; i++) {
      const isTest = testFrom === null ? i % trainEvery !== 0 : i >= c.from + testFrom;
      if (!isTest) {
        if (i % trainEvery === 0) train.push({ label: c.label, frame: i, alteration: null, load: at(i) });
        continue;
      }
      if (alterations.length === 0) test.push({ label: c.label, frame: i, alteration: null, load: at(i) });
      for (const [a, alteration] of alterations.entries()) {
        test.push({ label: c.label, frame: i, alteration: alteration.name, load: async () => alterFrame(await at(i)(), alteration, i * 31 + a) });
      }
    }
  }
  return { train, test };
}

/**
 * Within each class's range, frames whose index is a multiple of `trainEvery` become examples
 * (`addExample`), the others are classified (`classify`) and scored. Frames are seeked one by one.
 * Pass `SplitOptions` instead of a number for the temporal or robustness splits.
 */
export async function runSplit(
  video: HTMLVideoElement,
  classifier: () => UseTrainableClassifierResult,
  classes: ClassRange[],
  split: number | SplitOptions,
  log: (line: string) => void = () => {},
  fps = 30,
): Promise<SplitResult> {
  const options = typeof split === 'number' ? { trainEvery: split, fps } : { fps, ...split };
  const { train, test } = videoSplit(video, classes, options);
  return trainAndTest(classifier, train, test, log);
}

/** Add every training item as an example (then `train()` with the dense head), classify every test item, score. */
export async function trainAndTest(
  classifier: () => UseTrainableClassifierResult,
  train: readonly SplitItem[],
  test: readonly SplitItem[],
  log: (line: string) => void = () => {},
): Promise<SplitResult> {
  let nTrain = 0;
  const trainStarted = performance.now();
  for (const item of train) {
    if (await classifier().addExample(item.label, await item.load())) nTrain++;
  }
  const addMs = performance.now() - trainStarted;
  let trainMs = 0;
  if (classifier().engine.getOptions().head === 'dense') {
    const started = performance.now();
    await classifier().train();
    trainMs = performance.now() - started;
  }
  for (const c of classifier().classes) log(`${c.name}: ${c.count} examples`);
  const embed: number[] = [];
  const classify: number[] = [];
  const predictions: SplitResult['predictions'] = [];
  let correct = 0;
  for (const t of test) {
    const prediction = await classifier().classify(await t.load());
    const { timings } = classifier().engine.getSnapshot();
    embed.push(timings.embedMs);
    classify.push(timings.classifyMs);
    predictions.push({ frame: t.frame, expected: t.label, alteration: t.alteration, prediction });
    if (prediction.label === t.label) correct++;
  }
  return {
    accuracy: test.length ? correct / test.length : NaN,
    nTrain,
    nTest: test.length,
    msPerFrame: { embed: median(embed), classify: median(classify) },
    trainingMs: { addExamples: addMs, train: trainMs },
    predictions,
  };
}
