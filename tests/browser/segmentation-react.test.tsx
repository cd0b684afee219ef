import { StrictMode, useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/react';
import * as tf from '@tensorflow/tfjs-core';
import {
  Canvas2DCompositor,
  SegmentationEngine,
  SegmentationMask,
  WebGL2Compositor,
  chooseCompositorKind,
  type BackgroundCompositor,
  type CompositeOptions,
} from '@webcam-ml/core/segmentation';
import { BackgroundEffect, useProcessedStream, useSegmentation } from '@webcam-ml/react/segmentation';
import { loadImage, loadVideo } from '../../bench/lib/page';
import { liveModels, onWasmWithShortRelease } from './reliability.helpers';
import { until } from './runtime.helpers';

onWasmWithShortRelease(50);

const segmentationModels = () => liveModels('segmentation:');

/** A 64×32 frame: red on the left half, blue on the right. */
function twoColourFrame(): HTMLCanvasElement {
  const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 32 });
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ff0000';
  ctx.fillRect(0, 0, 32, 32);
  ctx.fillStyle = '#0000ff';
  ctx.fillRect(32, 0, 32, 32);
  return canvas;
}

/** A mask that is person on the left half of the frame only. */
function leftHalfMask(): SegmentationMask {
  const data = new Float32Array(16 * 16);
  for (let y = 0; y < 16; y++) for (let x = 0; x < 8; x++) data[y * 16 + x] = 1;
  return new SegmentationMask(data, 16, 16, { width: 64, height: 32 });
}

/** RGB of one output pixel (copied through a 2D canvas, which reads a WebGL canvas too). */
function pixel(source: HTMLCanvasElement, x: number, y: number): number[] {
  const ctx = Object.assign(document.createElement('canvas'), { width: source.width, height: source.height }).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0);
  return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
}

const near = (actual: number[], expected: number[], tolerance = 24) => actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance);

describe.each([
  ['webgl2', (c: HTMLCanvasElement) => new WebGL2Compositor(c)],
  ['2d', (c: HTMLCanvasElement) => new Canvas2DCompositor(c)],
] as const)('given the %s compositor and a mask of the left half', (kind, make) => {
  const renderWith = (options: CompositeOptions, mask: SegmentationMask | null = leftHalfMask()) => {
    const canvas = document.createElement('canvas');
    const compositor: BackgroundCompositor = make(canvas);
    compositor.render(twoColourFrame(), { width: 64, height: 32 }, mask, options);
    return { canvas, compositor };
  };

  it('keeps the person and paints the background in the colour', () => {
    const { canvas, compositor } = renderWith({ effect: 'color', color: '#00ff00', feather: 0 });
    expect(compositor.kind).toBe(kind);
    expect([canvas.width, canvas.height]).toEqual([64, 32]);
    expect(near(pixel(canvas, 8, 16), [255, 0, 0]), String(pixel(canvas, 8, 16))).toBe(true);
    expect(near(pixel(canvas, 56, 16), [0, 255, 0]), String(pixel(canvas, 56, 16))).toBe(true);
    compositor.dispose();
  });

  it('mirrors the frame and the mask together', () => {
    const { canvas, compositor } = renderWith({ effect: 'color', color: '#00ff00', feather: 0, mirrored: true });
    // The person (red, left of the source) now shows on the right.
    expect(near(pixel(canvas, 56, 16), [255, 0, 0]), String(pixel(canvas, 56, 16))).toBe(true);
    expect(near(pixel(canvas, 8, 16), [0, 255, 0]), String(pixel(canvas, 8, 16))).toBe(true);
    compositor.dispose();
  });

  it('blurs only the background, without smearing the person into it (no halo)', () => {
    // Background: blue then green; the person (left half) is red.
    const frame = twoColourFrame();
    const fctx = frame.getContext('2d')!;
    fctx.fillStyle = '#00ff00';
    fctx.fillRect(48, 0, 16, 32);
    const canvas = document.createElement('canvas');
    const compositor = make(canvas);
    compositor.render(frame, { width: 64, height: 32 }, leftHalfMask(), { effect: 'blur', blur: 8, feather: 0 });
    expect(near(pixel(canvas, 4, 16), [255, 0, 0]), String(pixel(canvas, 4, 16))).toBe(true);
    const split = pixel(canvas, 48, 16);
    expect(split[1] > 40 && split[2] > 40, `blue and green mix at their border: ${split}`).toBe(true);
    const nextToPerson = pixel(canvas, 36, 16);
    expect(nextToPerson[0], `no red halo beside the person: ${nextToPerson}`).toBeLessThan(60);
    compositor.dispose();
  });

  it('replaces the background with an image, unmirrored', () => {
    const image = Object.assign(document.createElement('canvas'), { width: 8, height: 4 });
    const ictx = image.getContext('2d')!;
    ictx.fillStyle = '#ffff00';
    ictx.fillRect(0, 0, 8, 4);
    const { canvas, compositor } = renderWith({ effect: 'image', image, feather: 0 });
    expect(near(pixel(canvas, 56, 16), [255, 255, 0]), String(pixel(canvas, 56, 16))).toBe(true);
    compositor.dispose();
  });

  it('shows no background pixel of the camera before the first mask', () => {
    const { canvas, compositor } = renderWith({ effect: 'color', color: '#00ff00' }, null);
    expect(near(pixel(canvas, 8, 16), [0, 255, 0])).toBe(true);
    expect(near(pixel(canvas, 56, 16), [0, 255, 0])).toBe(true);
    compositor.dispose();
  });
});

describe('given this machine (SwiftShader, no real GPU)', () => {
  it("chooses the 2D compositor for 'auto', and says why", () => {
    const choice = chooseCompositorKind();
    expect(choice.kind).toBe('2d');
    expect(choice.reason).toMatch(/software renderer|no WebGL2/);
  });
});

describe('given the engine on 300 frames of a video', () => {
  it('leaves tf.memory().numTensors at its baseline, during and after', async () => {
    const video = await loadVideo('/fixtures/pose/pose_1.mp4');
    const baseline = tf.memory().numTensors;
    const engine = new SegmentationEngine();
    await engine.ready();
    const loaded = tf.memory().numTensors;
    for (let i = 0; i < 300; i++) await engine.estimate(video, i * 33.333);
    expect(tf.memory().numTensors).toBe(loaded);
    engine.dispose();
    await until(() => segmentationModels().length === 0, 5_000, 'model released');
    expect(tf.memory().numTensors).toBe(baseline);
    video.remove();
  });
});

function CallPreview({ src, renderer }: { src: HTMLVideoElement; renderer: 'webgl2' | '2d' }) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const [mic] = useState(() => {
    // An audio track standing in for the camera's microphone.
    const audio = new AudioContext();
    const dest = audio.createMediaStreamDestination();
    audio.createOscillator().connect(dest);
    return dest.stream;
  });
  const stream = useProcessedStream(canvas, { audio: mic });
  useEffect(() => {
    (window as unknown as { __stream?: MediaStream | null }).__stream = stream;
  }, [stream]);
  return <BackgroundEffect source={src} effect="color" color="#00ff00" renderer={renderer} onCanvas={setCanvas} />;
}

describe.each(['2d', 'webgl2'] as const)('given <BackgroundEffect renderer="%s"> with useProcessedStream, in StrictMode', (renderer) => {
  it('covers the person, streams video and audio, and after unmount ends every track and frees every tensor', async () => {
    const video = await loadVideo('/fixtures/pose/pose_1.mp4');
    video.loop = true;
    await video.play();
    const baseline = tf.memory().numTensors;
    const { container, unmount } = render(
      <StrictMode>
        <CallPreview src={video} renderer={renderer} />
      </StrictMode>,
    );
    const host = container.querySelector<HTMLElement>('[data-webcam-ml="background-effect"]')!;
    await waitFor(() => expect(host.dataset.mask).toBe('ready'), { timeout: 60_000 });
    expect(host.dataset.compositor).toBe(renderer);
    const stream = (window as unknown as { __stream: MediaStream }).__stream;
    expect(stream.getVideoTracks()).toHaveLength(1);
    expect(stream.getAudioTracks()).toHaveLength(1);
    // The person stands in the middle of pose_1.mp4; its corners are background (green).
    const canvas = host.querySelector('canvas')!;
    await waitFor(() => {
      const corner = pixel(canvas, 4, 4);
      expect(near(corner, [0, 255, 0], 40), String(corner)).toBe(true);
    });
    const greens = [0.3, 0.4, 0.5, 0.6].map((y) => pixel(canvas, Math.round(canvas.width / 2), Math.round(canvas.height * y))).filter((p) => near(p, [0, 255, 0], 40));
    expect(greens.length, 'the middle of the body is not background').toBeLessThanOrEqual(1);
    const tracks = stream.getTracks();
    unmount();
    expect(tracks.every((t) => t.readyState === 'ended')).toBe(true);
    await until(() => segmentationModels().length === 0, 5_000, 'model released');
    expect(tf.memory().numTensors).toBe(baseline);
    video.remove();
  });
});

function Segmented({ src }: { src: HTMLImageElement }) {
  const { status } = useSegmentation({ source: src });
  return <p data-status={status}>{status}</p>;
}

describe('given useSegmentation mounted and unmounted 50 times, some during the load', () => {
  it('leaves no model, no tensor and no error behind', async () => {
    const image = await loadImage('/fixtures/segmentation/portrait.jpg');
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const { unmount, container } = render(
        <StrictMode>
          <Segmented src={image} />
        </StrictMode>,
      );
      if (i % 10 === 9) await waitFor(() => expect(container.querySelector('p')!.dataset.status).toBe('ready'), { timeout: 30_000 });
      unmount();
    }
    await until(() => segmentationModels().length === 0, 5_000, 'model released');
    expect(tf.memory().numTensors).toBe(baseline);
    image.remove();
  });
});

describe('given <BackgroundEffect renderer="webgl2"> whose WebGL context is lost', () => {
  it('carries on with the 2D compositor on a new canvas, and hands that canvas to onCanvas', async () => {
    const image = await loadImage('/fixtures/segmentation/portrait.jpg');
    const canvases: (HTMLCanvasElement | null)[] = [];
    const { container, unmount } = render(
      <StrictMode>
        <BackgroundEffect source={image} effect="color" renderer="webgl2" onCanvas={(c) => canvases.push(c)} />
      </StrictMode>,
    );
    const host = container.querySelector<HTMLElement>('[data-webcam-ml="background-effect"]')!;
    await waitFor(() => expect(host.dataset.mask).toBe('ready'), { timeout: 60_000 });
    expect(host.dataset.compositor).toBe('webgl2');
    const first = host.querySelector('canvas')!;
    (first.getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context')!.loseContext();
    await waitFor(() => expect(host.dataset.compositor).toBe('2d'));
    const second = host.querySelector('canvas')!;
    expect(second).not.toBe(first);
    expect(canvases.at(-1)).toBe(second);
    // The still's mask carries over: the new canvas shows the person on the colour at once.
    expect(near(pixel(second, 10, 10), [0, 177, 64], 40), String(pixel(second, 10, 10))).toBe(true);
    expect(near(pixel(second, second.width / 2, second.height * 0.7), [0, 177, 64], 40)).toBe(false);
    unmount();
    expect(canvases.at(-1)).toBeNull();
    image.remove();
  });
});
