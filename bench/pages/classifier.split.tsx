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
  /** Every test frame's prediction. */
  predictions: { frame: number; expected: string; prediction: ClassifierPrediction }[];
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


/**
 * Within each class's range, frames whose index is a multiple of `trainEvery` become examples
 * (`addExample`), the others are classified (`classify`) and scored. Frames are seeked one by one.
 */
export async function runSplit(
  video: HTMLVideoElement,
  classifier: () => UseTrainableClassifierResult,
  classes: ClassRange[],
  trainEvery: number,
  log: (line: string) => void = () => {},
  fps = 30,
): Promise<SplitResult> {
  const tests: { frame: number; label: string }[] = [];
  let nTrain = 0;
  for (const c of classes) {
    for (let i = c.from; i <= c.to; i++) {
      if (i % trainEvery !== 0) {
        tests.push({ frame: i, label: c.label });
        continue;
      }
      await seekFrame(video, i, fps);
      if (await classifier().addExample(c.label)) nTrain++;
    }
    log(`${c.label}: ${classifier().classes.find((x) => x.name === c.label)?.count ?? 0} examples`);
  }
  const embed: number[] = [];
  const classify: number[] = [];
  const predictions: SplitResult['predictions'] = [];
  let correct = 0;
  for (const t of tests) {
    await seekFrame(video, t.frame, fps);
    const prediction = await classifier().classify();
    const { timings } = classifier().engine.getSnapshot();
    embed.push(timings.embedMs);
    classify.push(timings.classifyMs);
    predictions.push({ frame: t.frame, expected: t.label, prediction });
    if (prediction.label === t.label) correct++;
  }
  return {
    accuracy: tests.length ? correct / tests.length : NaN,
    nTrain,
    nTest: tests.length,
    msPerFrame: { embed: median(embed), classify: median(classify) },
    predictions,
  };
}
