import '@testing-library/jest-dom/vitest';
import { StrictMode, useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import * as tf from '@tensorflow/tfjs-core';
import { PoseView, usePose } from '@webcam-ml/react/pose';
import { useFaceInfo } from '@webcam-ml/react/face';
import { ClassifierTrainer, useTrainableClassifier } from '@webcam-ml/react/classifier';
import { loadVideo } from '../../bench/lib/page';
import { goOffline, liveModels, slowNetwork, onWasmWithShortRelease } from './reliability.helpers';
import { sleep, until } from './runtime.helpers';

const SAMPLE = '/fixtures/pose/pose_1.mp4';

onWasmWithShortRelease(100);

const percent = (text: string | null) => Number(/(\d+)%/.exec(text ?? '')?.[1] ?? NaN);
const poseView = () => document.querySelector<HTMLElement>('[data-webcam-ml="pose-view"]');
const poseViewStatus = () => poseView()?.dataset.poseStatus;
/** PoseView's status line ("Loading the pose model… 42%", "Tracking 1 person"). */
const poseStatusLine = () => poseView()?.querySelector('p')?.textContent ?? null;

describe('given a very slow connection (the weights trickle in, a chunk every 50 ms)', () => {
  it('<PoseView> shows the download progress rising, then tracks', async () => {
    const network = slowNetwork((url) => url.endsWith('/movenet-lightning.bin'), { chunk: 256 * 1024 });
    try {
      render(
        <StrictMode>
          <PoseView src={SAMPLE} />
        </StrictMode>,
      );
      const seen: number[] = [];
      await until(
        () => {
          const p = percent(poseStatusLine());
          if (Number.isFinite(p)) seen.push(p);
          return poseViewStatus() === 'ready';
        },
        60_000,
        'the pose model ready',
      );
      const partial = seen.filter((p) => p > 0 && p < 100);
      expect(new Set(partial).size).toBeGreaterThanOrEqual(3);
      expect(partial).toEqual([...partial].sort((a, b) => a - b));
      expect(network.requests.map((r) => [r.aborted, r.delivered === r.total])).toEqual([[false, true]]);
    } finally {
      network.restore();
    }
  });

  it('leaving while the weights download aborts the request and keeps nothing', async () => {
    const before = tf.memory().numTensors;
    const network = slowNetwork((url) => url.endsWith('/movenet-lightning.bin'));
    try {
      const view = render(
        <StrictMode>
          <PoseView src={SAMPLE} />
        </StrictMode>,
      );
      await until(() => percent(poseStatusLine()) > 0, 30_000, 'some progress');
      view.unmount();
      // The model cache aborts a load its last consumer left, after releaseDelayMs (100 ms here).
      await until(() => network.requests[0]?.aborted === true, 2_000, 'the request aborted');
      const delivered = network.requests[0].delivered;
      await sleep(300);
      expect(network.requests[0].delivered).toBe(delivered);
      expect(delivered).toBeLessThan(network.requests[0].total);
      expect(liveModels('pose:')).toEqual([]);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      network.restore();
    }
  });

  it('<ClassifierTrainer> shows the download progress of its features model', async () => {
    const network = slowNetwork((url) => url.includes('/classifier/mobilenet-v2/group1-shard'), { chunk: 256 * 1024 });
    try {
      function Trainer() {
        const clf = useTrainableClassifier({ features: 'image', predict: false, thumbnailSize: 0 });
        return <ClassifierTrainer classifier={clf} importExport={false} />;
      }
      render(
        <StrictMode>
          <Trainer />
        </StrictMode>,
      );
      await waitFor(() => expect(percent(screen.getByText(/Loading the model/).textContent)).toBeGreaterThan(0), { timeout: 30_000 });
      await waitFor(() => expect(screen.queryByText(/Loading the model/)).toBeNull(), { timeout: 60_000 });
      expect(screen.getByText('Ready')).toBeInTheDocument();
      expect(network.requests).toHaveLength(1);
    } finally {
      network.restore();
    }
  });
});

let video: HTMLVideoElement;

/** Pose, face and classifier on one playing video, counting the results each one delivers. */
function AllWidgets({ counts }: { counts: { pose: number; face: number; classifier: number } }) {
  const [source] = useState(video);
  const pose = usePose({ source, onPoses: () => counts.pose++ });
  const face = useFaceInfo({ source, detector: 'ssd', withLandmarks: 'tiny', withAgeAndGender: false, withExpressions: false, onResult: () => counts.face++ });
  const clf = useTrainableClassifier({ source, features: 'pose', onPrediction: () => counts.classifier++ });
  return <output aria-label="statuses">{[pose.status, face.status, clf.status].join(' ')}</output>;
}

describe('given every widget loaded, then the network gone', () => {
  beforeAll(async () => {
    video = await loadVideo(SAMPLE);
    video.loop = true;
    await video.play();
  });

  afterAll(() => {
    video.pause();
    video.remove();
  });

  it('pose, face and classifier keep producing results and ask the network for nothing', async () => {
    const counts = { pose: 0, face: 0, classifier: 0 };
    render(
      <StrictMode>
        <AllWidgets counts={counts} />
      </StrictMode>,
    );
    await until(() => screen.getByLabelText('statuses').textContent === 'ready ready ready', 90_000, 'every widget ready');
    await until(() => counts.pose > 0 && counts.face > 0 && counts.classifier > 0, 30_000, 'first results');
    const offline = goOffline();
    try {
      const at = { ...counts };
      await sleep(3_000);
      expect(counts.pose).toBeGreaterThan(at.pose + 5);
      expect(counts.face).toBeGreaterThan(at.face + 2);
      expect(counts.classifier).toBeGreaterThan(at.classifier + 5);
      expect(screen.getByLabelText('statuses').textContent).toBe('ready ready ready');
      expect(offline.attempts).toEqual([]);
    } finally {
      offline.restore();
    }
  });

  it('a widget mounted while offline reuses the loaded models without a request', async () => {
    const counts = { pose: 0, face: 0, classifier: 0 };
    const first = render(
      <StrictMode>
        <AllWidgets counts={counts} />
      </StrictMode>,
    );
    await until(() => first.getByLabelText('statuses').textContent === 'ready ready ready', 90_000, 'every widget ready');
    const offline = goOffline();
    try {
      const more = { pose: 0, face: 0, classifier: 0 };
      const second = render(
        <StrictMode>
          <AllWidgets counts={more} />
        </StrictMode>,
      );
      await until(() => second.getAllByLabelText('statuses')[1].textContent === 'ready ready ready', 10_000, 'the second set ready');
      await until(() => more.pose > 0 && more.face > 0 && more.classifier > 0, 30_000, 'results offline');
      expect(offline.attempts).toEqual([]);
    } finally {
      offline.restore();
    }
  });
});
