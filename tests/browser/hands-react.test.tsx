import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { onMain, render } from './mainThread';
import * as tf from '@tensorflow/tfjs-core';
import { HandsEngine } from '@webcam-ml/core/hands';
import { HandOverlay, HandView, useHands } from '@webcam-ml/react/hands';
import { loadImage, loadVideo, seekFrame } from '../../bench/lib/page';
import { liveModels, onWasmWithShortRelease, trackStreams } from './reliability.helpers';
import { until } from './runtime.helpers';

onWasmWithShortRelease(50);

const handModels = () => liveModels('hands:');

describe('given the engine on 300 frames of the ASL video (tracking, smoothing)', () => {
  it('leaves tf.memory().numTensors at its baseline, during and after', async () => {
    const video = await loadVideo('/fixtures/hands/asl_hand.25fps.mp4');
    const baseline = tf.memory().numTensors;
    const engine = new HandsEngine({ model: 'lite' }, onMain);
    await engine.ready();
    const loaded = tf.memory().numTensors;
    // Every 10th frame is a new picture (a seek); the others repeat it, as a paused camera would.
    for (let i = 0; i < 300; i++) {
      if (i % 10 === 0) await seekFrame(video, i, 25);
      await engine.estimate(video, i * 40);
    }
    expect(engine.passCounts.landmarks).toBeGreaterThanOrEqual(300);
    expect(tf.memory().numTensors).toBe(loaded);
    engine.dispose();
    await until(() => handModels().length === 0, 30_000, 'models released');
    expect(tf.memory().numTensors).toBe(baseline);
    video.remove();
  }, 600_000);
});

function Tracked({ src, mirrored = false }: { src: HTMLImageElement; mirrored?: boolean }) {
  const { status, hands, frameSize } = useHands({ source: src, model: 'lite' });
  return (
    <div style={{ position: 'relative', width: 360, height: 191 }}>
      <p data-status={status}>{status}</p>
      <HandOverlay hands={hands} frameSize={frameSize} mirrored={mirrored} objectFit="contain" />
    </div>
  );
}

describe('given useHands with <HandOverlay> on hands.jpg, in StrictMode', () => {
  it.each([false, true])('draws both hands where they are shown (mirrored: %s), labelled as the person\'s left hands, with their gesture', async (mirrored) => {
    const image = await loadImage('/fixtures/hands/hands.jpg');
    const baseline = tf.memory().numTensors;
    const { container, unmount } = render(
      <StrictMode>
        <Tracked src={image} mirrored={mirrored} />
      </StrictMode>,
    );
    await waitFor(() => expect(container.querySelector('[data-webcam-ml="hand-overlay"]')!.getAttribute('data-hands')).toBe('2'), { timeout: 60_000 });
    const groups = [...container.querySelectorAll('g[data-hand]')];
    expect(groups.map((g) => g.getAttribute('data-handedness'))).toEqual(['left', 'left']);
    // Each hand's label, then its gesture badge: both hands of hands.jpg are open palms.
    expect([...container.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['Left', 'open palm', 'Left', 'open palm']);
    // hands.jpg is 720×382 shown at 360×191: the index fingertip of the hand at the left of the
    // image (253, 51 in upstream's keypoints) is at (126.5, 25.5), or at (233.5, 25.5) mirrored.
    const tips = [...container.querySelectorAll('circle[data-keypoint="index_finger_tip"]')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
    const expectedX = mirrored ? 360 - 126.5 : 126.5;
    expect(tips.some(([x, y]) => Math.abs(x - expectedX) < 6 && Math.abs(y - 25.5) < 6), JSON.stringify(tips)).toBe(true);
    unmount();
    await until(() => handModels().length === 0, 30_000, 'models released');
    expect(tf.memory().numTensors).toBe(baseline);
    image.remove();
  }, 90_000);
});

describe('given useHands mounted and unmounted 50 times, some during the load', () => {
  it('leaves no model, no tensor and no error behind', async () => {
    const image = await loadImage('/fixtures/hands/hands.jpg');
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const { unmount, container } = render(
        <StrictMode>
          <Tracked src={image} />
        </StrictMode>,
      );
      // Most cycles unmount while the models are still loading; every 10th waits for ready.
      if (i % 10 === 9) await waitFor(() => expect(container.querySelector('p')!.dataset.status).toBe('ready'), { timeout: 30_000 });
      unmount();
    }
    await until(() => handModels().length === 0, 30_000, 'models released');
    expect(tf.memory().numTensors).toBe(baseline);
    image.remove();
  }, 180_000);
});

describe('given <HandView> on the camera, unmounted during the load', () => {
  it('ends every camera track, leaves no model and no tensor', async () => {
    const streams = trackStreams();
    const baseline = tf.memory().numTensors;
    try {
      const { container, unmount } = render(
        <StrictMode>
          <HandView model="lite" style={{ width: 320, height: 240 }} />
        </StrictMode>,
      );
      // Unmounted in the same task as the mount: the camera is being opened and the models loading.
      expect(container.querySelector('[data-webcam-ml="hand-view"]')!.getAttribute('data-hands-status')).toMatch(/idle|loading/);
      unmount();
      await until(() => streams.liveTracks() === 0, 5_000, 'camera tracks ended');
      await until(() => handModels().length === 0, 30_000, 'models released');
      expect(tf.memory().numTensors).toBe(baseline);
    } finally {
      streams.restore();
    }
  }, 60_000);
});
