import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { PoseEngine, type PoseState } from '@webcam-ml/core/pose';
import { createRuntime, getDefaultRuntime } from '@webcam-ml/core/runtime';
import { SegmentationEngine } from '@webcam-ml/core/segmentation';
import { PoseView } from '@webcam-ml/react/pose';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import { PoseProbe, playingClip } from './worker.helpers';

afterEach(() => {
  cleanup();
  document.querySelectorAll('video').forEach((v) => v.remove());
});

describe('given <WebcamMLProvider executor="worker"> around a pose widget', () => {
  it('runs the widget in the worker and says so in its state', async () => {
    const video = await playingClip();
    const states: PoseState[] = [];
    render(
      <StrictMode>
        <WebcamMLProvider executor="worker" backend="wasm" releaseDelayMs={200}>
          <PoseProbe video={video} onState={(s) => states.push(s)} />
        </WebcamMLProvider>
      </StrictMode>,
    );
    await screen.findByText('ready|worker|1', {}, { timeout: 60_000 });
    const last = states.at(-1)!;
    expect(last.executor).toBe('worker');
    expect(last.executorReason).toBe('');
    expect(last.backend).toBe('wasm');
    // Results are in source pixels, as on the main thread.
    expect(last.frameSize).toEqual({ width: video.videoWidth, height: video.videoHeight });
    expect(last.poses[0].keypoints.every((k) => k.x >= -50 && k.x <= video.videoWidth + 50)).toBe(true);
  });

  it("goes from loading to ready without passing through idle (a worker engine's state from before it activated)", async () => {
    const video = await playingClip();
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 200 });
    const engine = new PoseEngine({ model: 'lightning' }, runtime);
    const statuses: string[] = [];
    const stop = engine.subscribe(() => {
      const { status } = engine.getSnapshot();
      if (statuses.at(-1) !== status) statuses.push(status);
    });
    try {
      engine.setSource(video);
      await expect.poll(() => statuses.at(-1), { timeout: 60_000 }).toBe('ready');
      // Idle until it activates (on subscribe), then never again on the way to ready.
      expect(statuses.slice(statuses.indexOf('loading'))).toEqual(['loading', 'ready']);
    } finally {
      stop();
      engine.dispose();
    }
  });

  it("chooses the worker for 'auto' where Worker, OffscreenCanvas and createImageBitmap exist", async () => {
    const video = await playingClip();
    render(
      <WebcamMLProvider executor="auto" backend="wasm" releaseDelayMs={200}>
        <PoseProbe video={video} onState={() => {}} />
      </WebcamMLProvider>,
    );
    await screen.findByText('ready|worker|1', {}, { timeout: 60_000 });
  });

  it("stays on the main thread with executor 'main'", async () => {
    const video = await playingClip();
    const states: PoseState[] = [];
    render(
      <WebcamMLProvider executor="main" backend="wasm" releaseDelayMs={200}>
        <PoseProbe video={video} onState={(s) => states.push(s)} />
      </WebcamMLProvider>,
    );
    await screen.findByText('ready|main|1', {}, { timeout: 60_000 });
    expect(states.at(-1)!.executorReason).toBe('');
  });
});

describe('given no provider: the page default runtime, on its default executor', () => {
  // The worker's engines run on the worker realm's default runtime: were 'auto' to start a worker
  // there too, each worker would wait on a nested one for its backend and the widget would stay
  // in 'loading'.
  it('runs <PoseView> in one worker, which starts none of its own, and tracks', async () => {
    render(
      <StrictMode>
        <PoseView src="/fixtures/pose/pose_1.mp4" style={{ width: 300, height: 300 }}>
          {(pose) => <output data-testid="where">{`${pose.status}|${pose.executor}|${pose.executorReason}`}</output>}
        </PoseView>
      </StrictMode>,
    );
    await screen.findByText('Tracking 1 person', {}, { timeout: 60_000 });
    expect(screen.getByTestId('where').textContent).toBe('ready|worker|');
    expect(getDefaultRuntime().executor!.getSnapshot()).toMatchObject({ requested: 'auto', kind: 'worker', status: 'running', restarts: 0 });
  });
});

describe('given the self-contained worker the models CLI copies next to the weights (workerUrl)', () => {
  it('runs pose in it (built by `npm run build`, copied by `npm run models`)', async () => {
    const video = await playingClip();
    const states: PoseState[] = [];
    render(
      <WebcamMLProvider executor="worker" workerUrl="/models/webcam-ml-worker.js" backend="wasm" releaseDelayMs={200}>
        <PoseProbe video={video} onState={(s) => states.push(s)} />
      </WebcamMLProvider>,
    );
    await screen.findByText('ready|worker|1', {}, { timeout: 60_000 });
    expect(states.at(-1)!.executorReason).toBe('');
  });
});

describe('given a worker that cannot start (its script is missing)', () => {
  it('falls back to the main thread, with the reason in state, and poses still come', async () => {
    const video = await playingClip();
    const states: PoseState[] = [];
    render(
      <WebcamMLProvider executor="worker" workerUrl="/no-such-worker.js" backend="wasm" releaseDelayMs={200}>
        <PoseProbe video={video} onState={(s) => states.push(s)} />
      </WebcamMLProvider>,
    );
    await screen.findByText('ready|main|1', {}, { timeout: 60_000 });
    expect(states.at(-1)!.executorReason).toMatch(/the worker did not start.*main thread/);
  });
});

describe('given a task with no worker side yet (segmentation) on a worker runtime', () => {
  it('runs it on the main thread and says why', async () => {
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 100 });
    const engine = new SegmentationEngine({}, runtime);
    const stop = engine.subscribe(() => {});
    try {
      expect(engine.getSnapshot()).toMatchObject({ executor: 'main', executorReason: expect.stringMatching(/no worker side yet.*main thread/) });
      // Its models load on the main thread's backend; no worker was started for it.
      await expect.poll(() => engine.getSnapshot().status, { timeout: 60_000 }).toBe('ready');
      expect(runtime.executor!.worker()).toBeNull();
    } finally {
      stop();
      engine.dispose();
    }
  });
});

describe('given a worker terminated while it runs', () => {
  it('restarts it, reloads the models and delivers results again within 5 s', async () => {
    const video = await playingClip();
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 200 });
    const engine = new PoseEngine({}, runtime);
    let results = 0;
    const stop = engine.subscribeResults(() => results++);
    engine.setSource(video);
    await expect.poll(() => results, { timeout: 60_000 }).toBeGreaterThan(3);
    expect(runtime.executor!.getSnapshot()).toMatchObject({ kind: 'worker', status: 'running' });
    const first = runtime.executor!.worker()!;
    first.terminate();
    const killedAt = performance.now();
    const before = results;
    await expect.poll(() => runtime.executor!.getSnapshot().restarts, { timeout: 5_000 }).toBe(1);
    expect(['recovering', 'loading', 'ready']).toContain(engine.getSnapshot().status);
    // Messages of the terminated worker are ignored: a new result comes from the new worker.
    await expect.poll(() => results, { timeout: 5_000, interval: 20 }).toBeGreaterThan(before);
    expect(performance.now() - killedAt).toBeLessThan(5_000);
    expect(runtime.executor!.worker()).not.toBe(first);
    expect(engine.getSnapshot()).toMatchObject({ status: 'ready', executor: 'worker', error: null });
    stop();
    engine.dispose();
  });
});

describe('given the last widget of a worker runtime unmounted', () => {
  it('terminates the worker after the release delay, not before', async () => {
    const video = await playingClip();
    const runtime = createRuntime({ executor: 'worker', backend: 'wasm', releaseDelayMs: 600 });
    const view = render(
      <WebcamMLProvider runtime={runtime}>
        <PoseProbe video={video} onState={() => {}} />
      </WebcamMLProvider>,
    );
    await screen.findByText('ready|worker|1', {}, { timeout: 60_000 });
    const worker = runtime.executor!.worker();
    expect(worker).not.toBeNull();
    view.unmount();
    await new Promise((r) => setTimeout(r, 300));
    expect(runtime.executor!.worker()).toBe(worker);
    await expect.poll(() => runtime.executor!.worker(), { timeout: 3_000 }).toBeNull();
    expect(runtime.executor!.getSnapshot().status).toBe('idle');
  });
});
