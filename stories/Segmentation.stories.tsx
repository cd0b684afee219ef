import { useEffect, useRef, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { BackgroundEffect, useProcessedStream, useSegmentation, type BackgroundEffectProps } from '@webcam-ml/react/segmentation';
import { useWebcam } from '@webcam-ml/react/webcam';
import { SAMPLE_VIDEO } from '../.storybook/preview';
import { WithModelBaseUrl } from './support/WithModelBaseUrl';

const TIMEOUT = { timeout: 90_000 };
const GREEN = [0, 177, 64];

/** RGB of one pixel of a canvas (a WebGL one too: copied through a 2D canvas). */
function pixel(canvas: HTMLCanvasElement, x: number, y: number): number[] {
  const ctx = Object.assign(document.createElement('canvas'), { width: canvas.width, height: canvas.height }).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(canvas, 0, 0);
  return [...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)];
}

const isGreen = (p: number[]) => p.every((v, i) => Math.abs(v - GREEN[i]) <= 40);

function effectOf(root: HTMLElement): HTMLElement {
  return root.querySelector<HTMLElement>('[data-webcam-ml="background-effect"]')!;
}

/** Waits for a mask, then checks the person (mid-frame) is kept and the corners are replaced. */
async function untilPersonCovered(root: HTMLElement) {
  const host = await waitFor(() => {
    const el = effectOf(root);
    expect(el.dataset.mask).toBe('ready');
    return el;
  }, TIMEOUT);
  const canvas = host.querySelector('canvas')!;
  await waitFor(() => {
    expect(isGreen(pixel(canvas, 4, 4))).toBe(true);
    expect(isGreen(pixel(canvas, canvas.width - 5, 4))).toBe(true);
    const body = [0.35, 0.5, 0.65].map((y) => pixel(canvas, canvas.width / 2, canvas.height * y));
    expect(body.filter(isGreen)).toEqual([]);
  }, TIMEOUT);
}

/** The camera (or `src`) through `<BackgroundEffect>`, with the model's status under it. */
function CameraEffect({ src, mirrored = true, width = 480, ...props }: BackgroundEffectProps & { src?: string; width?: number }) {
  const camera = useWebcam({ src, mirrored });
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      {/* The source video must be in the document to play; the effect shows it. */}
      <video {...camera.videoProps} aria-hidden style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }} />
      {camera.status !== 'live' && <p role="status">Camera: {camera.status}</p>}
      <BackgroundEffect source={camera.video} mirrored={camera.mirrored} style={{ width }} {...props} />
    </div>
  );
}

const meta = {
  title: 'Segmentation/BackgroundEffect',
  component: BackgroundEffect,
  args: {
    effect: 'blur',
    blur: 12,
    color: '#00b140',
    feather: 3,
    renderer: 'auto',
    smoothing: 0.7,
  },
  argTypes: {
    effect: { control: 'inline-radio', options: ['blur', 'image', 'color', 'none'] },
    blur: { control: { type: 'range', min: 0, max: 40, step: 1 } },
    feather: { control: { type: 'range', min: 0, max: 20, step: 1 } },
    smoothing: { control: { type: 'range', min: 0, max: 0.95, step: 0.05 } },
    renderer: { control: 'inline-radio', options: ['auto', 'webgl2', '2d'] },
    color: { control: 'color' },
    maxFps: { control: { type: 'number', min: 1 } },
  },
} satisfies Meta<typeof BackgroundEffect>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The portrait still with a colour background; the kept pixels match upstream's expected mask. */
export const PortraitStill: Story = {
  args: { effect: 'color' },
  parameters: { cameraSource: 'none' },
  render: function PortraitStory(args) {
    const [image, setImage] = useState<HTMLImageElement | null>(null);
    return (
      <div style={{ display: 'flex', gap: 12 }}>
        <img ref={setImage} src="./fixtures/segmentation/portrait.jpg" alt="A portrait" style={{ width: 240 }} />
        {image && <BackgroundEffect {...args} source={image} style={{ width: 240 }} />}
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const host = await waitFor(() => {
      const el = effectOf(canvasElement);
      expect(el.dataset.mask).toBe('ready');
      return el;
    }, TIMEOUT);
    const canvas = host.querySelector('canvas')!;
    const expected = new Image();
    expected.src = './fixtures/segmentation/portrait_segmentation.png';
    await expected.decode();
    const { width, height } = canvas;
    const ctx = Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(expected, 0, 0, width, height);
    const truth = ctx.getImageData(0, 0, width, height).data;
    ctx.drawImage(canvas, 0, 0);
    const ours = ctx.getImageData(0, 0, width, height).data;
    let inter = 0;
    let union = 0;
    for (let i = 0; i < truth.length; i += 16) {
      const person = truth[i + 2] > truth[i];
      const kept = !isGreen([ours[i], ours[i + 1], ours[i + 2]]);
      if (person && kept) inter++;
      if (person || kept) union++;
    }
    // Feathering softens the outline, so the composited picture is checked a little below the mask's 0.98.
    await expect(inter / union).toBeGreaterThan(0.93);
  },
};

/** The sample video with its background blurred (no camera needed). */
export const SampleVideo: Story = {
  args: { effect: 'blur' },
  parameters: { cameraSource: 'none' },
  render: (args) => <CameraEffect {...args} src={SAMPLE_VIDEO} mirrored={false} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(effectOf(canvasElement).dataset.mask).toBe('ready'), TIMEOUT);
    await expect(within(canvasElement).getByRole('img', { name: 'Camera with the background blurred' })).toBeVisible();
  },
};

/** The real camera, mirrored like a selfie view (the toolbar's Source; the sample video when there is no camera). */
export const Camera: Story = {
  args: { effect: 'blur' },
  render: (args) => <CameraEffect {...args} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(effectOf(canvasElement).dataset.mask).toBe('ready'), TIMEOUT);
    await expect(effectOf(canvasElement)).toHaveAttribute('data-segmentation-status', 'ready');
  },
};

/** Blur, strong, on the sample video. */
export const Blur: Story = {
  args: { effect: 'blur', blur: 24 },
  parameters: { cameraSource: 'none' },
  render: (args) => <CameraEffect {...args} src={SAMPLE_VIDEO} mirrored={false} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(effectOf(canvasElement).dataset.mask).toBe('ready'), TIMEOUT);
    await expect(effectOf(canvasElement)).toHaveAttribute('data-effect', 'blur');
  },
};

/** A virtual background image (a street scene), scaled to cover; never mirrored. */
export const ImageBackground: Story = {
  args: { effect: 'image', background: './fixtures/pose/three_people.jpg' },
  parameters: { cameraSource: 'none' },
  render: (args) => <CameraEffect {...args} src={SAMPLE_VIDEO} mirrored={false} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(effectOf(canvasElement).dataset.mask).toBe('ready'), TIMEOUT);
    await expect(within(canvasElement).getByRole('img', { name: 'Camera with the background replaced by an image' })).toBeVisible();
  },
};

/** A colour background: the person kept, the rest chroma green. */
export const ColorBackground: Story = {
  args: { effect: 'color' },
  parameters: { cameraSource: 'none' },
  render: (args) => <CameraEffect {...args} src={SAMPLE_VIDEO} mirrored={false} />,
  play: async ({ canvasElement }) => {
    await untilPersonCovered(canvasElement);
  },
};

/** `useSegmentation` alone: the mask drawn with `mask.drawTo`, and its status. */
function MaskView({ src, ...options }: { src: string; enabled?: boolean; model?: 'selfie' }) {
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const seg = useSegmentation({ ...options, source: image });
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !seg.mask) return;
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    seg.mask.drawTo(ctx, { color: '#2563eb' });
  }, [seg.mask]);
  return (
    <figure style={{ margin: 0, display: 'grid', gap: 4, justifyItems: 'start' }}>
      <div style={{ position: 'relative', width: 160 }}>
        <img ref={setImage} src={src} alt="A portrait" style={{ display: 'block', width: '100%' }} />
        <canvas ref={canvas} width={160} height={200} aria-hidden style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', opacity: 0.6 }} />
      </div>
      <figcaption role={seg.status === 'error' ? 'alert' : 'status'} data-testid="segmentation-status" style={{ font: '14px system-ui' }}>
        {seg.status === 'idle' && 'Segmentation off'}
        {seg.status === 'loading' && (
          <>
            Loading the segmentation model…{' '}
            <progress max={seg.progress.total || 1} value={seg.progress.loaded} aria-label="Segmentation model downloaded" />
          </>
        )}
        {seg.status === 'recovering' && 'Reloading the model after a graphics reset…'}
        {seg.status === 'ready' && (seg.mask ? `Person covers ${Math.round(seg.mask.personFraction() * 100)}% of the picture` : 'Ready')}
        {seg.status === 'error' && `Segmentation failed: ${seg.error?.message ?? 'unknown error'}`}
      </figcaption>
    </figure>
  );
}

/** Every state a person meets: off, loading then ready (with the mask), and models missing. */
export const EveryState: Story = {
  parameters: { cameraSource: 'none', expectedStatus: 'Person covers' },
  render: function EveryStateStory() {
    return (
      <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
        <section aria-label="Off">
          <h4>Off (enabled: false)</h4>
          <MaskView src="./fixtures/segmentation/portrait.jpg" enabled={false} />
        </section>
        <section aria-label="Loading then ready">
          <h4>Loading, then ready</h4>
          <MaskView src="./fixtures/segmentation/portrait.jpg" />
        </section>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const section = (name: string) => within(within(canvasElement).getByRole('region', { name }));
    await waitFor(() => expect(section('Loading then ready').getByTestId('segmentation-status')).toHaveTextContent(/Person covers [3-7]\d% of the picture/), TIMEOUT);
    await expect(section('Off').getByTestId('segmentation-status')).toHaveTextContent('Segmentation off');
  },
};

/** The error state: `modelBaseUrl` points where no models are served (a typed `ModelLoadError`). */
export const ModelsMissing: Story = {
  parameters: { cameraSource: 'none', expectedStatus: ['Segmentation failed', 'Background effect unavailable'] },
  render: () => (
    <WithModelBaseUrl url="./no-models-here/">
      <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
        <MaskView src="./fixtures/segmentation/portrait.jpg" />
        <CameraEffect src={SAMPLE_VIDEO} mirrored={false} width={320} />
      </div>
    </WithModelBaseUrl>
  ),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('Segmentation failed');
    await expect(alert).toHaveTextContent('not found');
    await waitFor(() => expect(effectOf(canvasElement)).toHaveAttribute('data-segmentation-status', 'error'), TIMEOUT);
    await expect(within(effectOf(canvasElement)).getByRole('status')).toHaveTextContent('Background effect unavailable');
  },
};

/** What a call sends: the processed canvas as a MediaStream (useProcessedStream) playing in a second <video>. */
function VideoCallPreviewDemo(args: BackgroundEffectProps) {
  const camera = useWebcam({ mirrored: true });
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const stream = useProcessedStream(canvas, { audio: camera.stream });
  const preview = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const video = preview.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) video.play().catch(() => undefined);
  }, [stream]);
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <video {...camera.videoProps} aria-hidden style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }} />
      <figure style={{ margin: 0 }}>
        <BackgroundEffect {...args} source={camera.video} mirrored={camera.mirrored} onCanvas={setCanvas} style={{ width: 320 }} />
        <figcaption>Composited (the canvas)</figcaption>
      </figure>
      <figure style={{ margin: 0 }}>
        <video ref={preview} muted playsInline aria-label="Call preview: the processed stream" data-testid="call-preview" style={{ width: 320, background: '#000' }} />
        <figcaption>
          Call preview: {stream ? `${stream.getVideoTracks().length} video, ${stream.getAudioTracks().length} audio track(s)` : 'no stream yet'}
        </figcaption>
      </figure>
    </div>
  );
}

export const VideoCallPreview: Story = {
  args: { effect: 'color' },
  render: (args) => <VideoCallPreviewDemo {...args} />,
  play: async ({ canvasElement }) => {
    await untilPersonCovered(canvasElement);
    const preview = within(canvasElement).getByTestId<HTMLVideoElement>('call-preview');
    await waitFor(() => {
      expect(preview.srcObject).toBeInstanceOf(MediaStream);
      expect(preview.videoWidth).toBeGreaterThan(0);
    }, TIMEOUT);
    await expect((preview.srcObject as MediaStream).getVideoTracks()[0].readyState).toBe('live');
  },
};
