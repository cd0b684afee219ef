import '@testing-library/jest-dom/vitest';
import { StrictMode, useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import { PoseView, usePose } from '@webcam-ml/react/pose';
import { configure, modelCache, ModelLoadError } from '@webcam-ml/core/runtime';
import { liveDownloads } from '../../packages/core/src/runtime/downloads';
import { useFaceInfo } from '@webcam-ml/react/face';
import { ClassifierTrainer, useTrainableClassifier } from '@webcam-ml/react/classifier';
import { loadVideo } from '../../bench/lib/page';
import { goOffline, liveModels, slowNetwork, onWasmWithShortRelease } from './reliability.helpers';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
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

type Counts = { pose: number; face: number; classifier: number };
/** A callback that counts into `counts` (components call it; they never write their props). */
const counter = (counts: Counts) => (what: keyof Counts) => void counts[what]++;

/** Pose, face and classifier on one playing video, counting the results each one delivers. */
function AllWidgets({ count }: { count: (what: keyof Counts) => void }) {
  const [source] = useState(video);
  const pose = usePose({ source, onPoses: () => count('pose') });
  const face = useFaceInfo({ source, detector: 'ssd', withLandmarks: 'tiny', withAgeAndGender: false, withExpressions: false, onResult: () => count('face') });
  const clf = useTrainableClassifier({ source, features: 'pose', onPrediction: () => count('classifier') });
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
        <AllWidgets count={counter(counts)} />
      </StrictMode>,
    );
    await until(() => screen.getByLabelText('statuses').textContent === 'ready ready ready', 90_000, 'every widget ready');
    await until(() => counts.pose > 0 && counts.face > 0 && counts.classifier > 0, 30_000, 'first results');
    const offline = goOffline();
    try {
      const at = { ...counts };
      // Results keep coming: a count of them, not a rate (three models share one main thread
      // with whatever else the machine runs, so a rate would measure the machine).
      await until(() => counts.pose > at.pose + 5 && counts.face > at.face + 2 && counts.classifier > at.classifier + 5, 30_000, 'results while offline');
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
        <AllWidgets count={counter(counts)} />
      </StrictMode>,
    );
    await until(() => first.getByLabelText('statuses').textContent === 'ready ready ready', 90_000, 'every widget ready');
    const offline = goOffline();
    try {
      const more = { pose: 0, face: 0, classifier: 0 };
      const second = render(
        <StrictMode>
          <AllWidgets count={counter(more)} />
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

/**
 * Serve `public/models/` again under `prefix`, with faults: the first `manifestFailures` requests
 * for its manifest.json answer 503, and one byte of `altered` is flipped on every request.
 */
function faultyModelsFolder(prefix: string, { manifestFailures, altered }: { manifestFailures: number; altered: string }) {
  const original = globalThis.fetch;
  const manifestRequests: number[] = [];
  const shardRequests: string[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (!url.pathname.startsWith(prefix)) return original(input, init);
    const path = url.pathname.slice(prefix.length);
    if (path === 'manifest.json') {
      manifestRequests.push(performance.now());
      if (manifestRequests.length <= manifestFailures) {
        return new Response('Service Unavailable', { status: 503, headers: { 'content-type': 'text/plain' } });
      }
    }
    const response = await original(`/models/${path}`, init);
    if (path !== altered) return response;
    shardRequests.push(path);
    const bytes = new Uint8Array(await response.arrayBuffer());
    bytes[1000] ^= 0x01;
    return new Response(bytes, { status: 200, headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) } });
  };
  return { manifestRequests, shardRequests, restore: () => void (globalThis.fetch = original) };
}

/** usePose on a playing video, showing its status and the reason of its error. */
function PoseStatus({ source, name, onPoses }: { source: HTMLVideoElement; name: string; onPoses: () => void }) {
  const pose = usePose({ source, onPoses });
  const reason = pose.error instanceof ModelLoadError ? pose.error.reason : (pose.error?.message ?? '');
  return <output aria-label={name}>{`${pose.status} ${reason}`.trim()}</output>;
}

describe('given a models folder whose manifest.json first answers 503 and whose pose shard has one byte altered', () => {
  let source: HTMLVideoElement;
  beforeAll(async () => {
    source = await loadVideo(SAMPLE);
    source.loop = true;
    await source.play();
  });
  afterAll(() => {
    source.pause();
    source.remove();
    configure({ modelBaseUrl: '/models/' });
  });

  it('the load asks for the manifest again and rejects the shard (checksum), and so does a second widget', async () => {
    configure({ modelBaseUrl: '/integrity-once/' });
    const folder = faultyModelsFolder('/integrity-once/', { manifestFailures: 1, altered: 'pose/movenet-lightning.bin' });
    try {
      const counts = { poses: 0 };
      const first = render(
        <StrictMode>
          <PoseStatus source={source} name="first" onPoses={() => counts.poses++} />
        </StrictMode>,
      );
      await until(() => first.getByLabelText('first').textContent !== 'loading' && first.getByLabelText('first').textContent !== 'idle', 30_000, 'the first widget settled');
      expect(first.getByLabelText('first').textContent).toBe('error checksum');
      expect(folder.manifestRequests.length).toBeGreaterThanOrEqual(2);
      const second = render(
        <StrictMode>
          <PoseStatus source={source} name="second" onPoses={() => counts.poses++} />
        </StrictMode>,
      );
      await until(() => /^error/.test(second.getByLabelText('second').textContent ?? ''), 30_000, 'the second widget settled');
      expect(second.getByLabelText('second').textContent).toBe('error checksum');
      expect(counts.poses).toBe(0);
      expect(folder.shardRequests.length).toBeGreaterThanOrEqual(1);
    } finally {
      folder.restore();
    }
  });

  it('a manifest that keeps failing ends in manifest-unavailable after a bounded retry, never in an unverified model', async () => {
    configure({ modelBaseUrl: '/integrity-never/' });
    const folder = faultyModelsFolder('/integrity-never/', { manifestFailures: Infinity, altered: 'pose/movenet-lightning.bin' });
    try {
      const counts = { poses: 0 };
      const start = performance.now();
      const view = render(
        <StrictMode>
          <PoseStatus source={source} name="pose" onPoses={() => counts.poses++} />
        </StrictMode>,
      );
      await until(() => /^error/.test(view.getByLabelText('pose').textContent ?? ''), 30_000, 'the widget settled');
      expect(view.getByLabelText('pose').textContent).toBe('error manifest-unavailable');
      expect(performance.now() - start).toBeLessThan(10_000);
      expect(folder.manifestRequests.length).toBeGreaterThanOrEqual(2);
      expect(folder.manifestRequests.length).toBeLessThanOrEqual(5);
      expect(counts.poses).toBe(0);
    } finally {
      folder.restore();
    }
  });
});

describe('given MoveNet Thunder loaded on wasm', () => {
  it('keeps no second copy of its weights once the model is built', async () => {
    let built = 0;
    const lease = modelCache.acquire<GraphModel>({
      key: 'test:thunder-bytes',
      load: async (ctx) => {
        const model = await loadGraphModel(ctx.resolveUrl('pose/movenet-thunder.json'), { fetchFunc: ctx.fetch });
        built = liveDownloads().bytes; // what the cache holds at the moment the model is built
        return model;
      },
      dispose: (model) => model.dispose(),
    });
    try {
      await lease.ready();
      console.info(`thunder: ${(built / 1e6).toFixed(1)} MB of downloaded bytes held when built, ${liveDownloads().bytes} after ready`);
      expect(built).toBeGreaterThan(12e6);
      expect(liveDownloads()).toEqual({ count: 0, bytes: 0 });
    } finally {
      lease.release();
    }
  });
});
