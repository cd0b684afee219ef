import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { overlayBoxStyle } from '@webcam-ml/core';
import { installFakeCamera, type FakeCameraOptions } from '@webcam-ml/core/testing';
import { Webcam, useWebcamContext } from '@webcam-ml/react/webcam';
import { SAMPLE_VIDEO } from '../.storybook/preview';

/** Outlines the whole source frame with the coordinate mapper: letterboxed under contain, cropped under cover. */
function FrameOutline() {
  const ctx = useWebcamContext();
  if (!ctx?.mapper.ready) return null;
  const { sourceWidth: width, sourceHeight: height } = ctx.mapper.options;
  return (
    <div
      data-testid="frame-outline"
      style={{
        ...overlayBoxStyle(ctx.mapper, { x: 0, y: 0, width, height }),
        boxSizing: 'border-box',
        border: '3px dashed #facc15',
      }}
    />
  );
}

const meta = {
  title: 'Webcam/Webcam',
  component: Webcam,
  args: { mirrored: false, objectFit: 'contain', style: { width: 480, height: 360 } },
  argTypes: {
    objectFit: { control: 'inline-radio', options: ['contain', 'cover'] },
    mirrored: { control: 'boolean' },
  },
  // What each story shows before any interaction (checked on the docs page and alone).
  parameters: { expectedStatus: 'Camera is on' },
} satisfies Meta<typeof Webcam>;
export default meta;
type Story = StoryObj<typeof meta>;

const TIMEOUT = { timeout: 20_000 };

/** The camera view and its status once the first frame is shown. */
async function untilLive(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  // The toolbar's camera source is prepared asynchronously before the story renders.
  const view = await canvas.findByRole('group', { name: 'Camera' }, TIMEOUT);
  await waitFor(() => expect(view).toHaveAttribute('data-status', 'live'), TIMEOUT);
  await expect(canvas.getByRole('status')).toHaveTextContent('Camera is on');
  return { canvas, view, video: view.querySelector('video')! };
}

/**
 * A fake camera is the page's `navigator.mediaDevices`: on a docs page every story shares it, so a
 * story with its own (a fault to show) is shown there in its own frame, with its own camera.
 */
const OWN_FRAME = { docs: { story: { inline: false, iframeHeight: 420 } } };

/** A story that installs its own fake camera (a fault to show) instead of the toolbar's source. */
function withFakeCamera(options: FakeCameraOptions, expectedStatus = 'Camera is on'): Pick<Story, 'parameters' | 'beforeEach'> {
  return {
    parameters: { cameraSource: 'none', expectedStatus, ...OWN_FRAME },
    beforeEach: () => installFakeCamera({ videoUrl: SAMPLE_VIDEO, ...options }).uninstall,
  };
}

/** The camera (or the sample video when there is none, or when the toolbar says so). */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const { video } = await untilLive(canvasElement);
    await expect(video).toBeVisible();
    await expect(video.videoWidth).toBeGreaterThan(0);
  },
};

/** Shown like a mirror, as people expect from a front camera; models still see the real frame. */
export const Mirrored: Story = {
  args: { mirrored: true },
  play: async ({ canvasElement }) => {
    const { video } = await untilLive(canvasElement);
    await expect(video.style.transform).toBe('scaleX(-1)');
  },
};

/** `cover` fills the box and crops the frame: the dashed frame outline runs past the edges. */
export const ObjectFitCover: Story = {
  args: { objectFit: 'cover', style: { width: 480, height: 270 }, children: <FrameOutline /> },
  play: async ({ canvasElement }) => {
    const { canvas, view } = await untilLive(canvasElement);
    const outline = await canvas.findByTestId('frame-outline');
    const box = view.getBoundingClientRect();
    const frame = outline.getBoundingClientRect();
    await expect(frame.width).toBeGreaterThanOrEqual(box.width - 1);
    await expect(frame.height).toBeGreaterThanOrEqual(box.height - 1);
    await expect(frame.width * frame.height).toBeGreaterThan(box.width * box.height * 1.1);
  },
};

/** `contain` shows the whole frame with bars: the dashed outline sits inside the box. */
export const ObjectFitContain: Story = {
  args: { objectFit: 'contain', style: { width: 480, height: 270 }, children: <FrameOutline /> },
  play: async ({ canvasElement }) => {
    const { canvas, view } = await untilLive(canvasElement);
    const outline = await canvas.findByTestId('frame-outline');
    const box = view.getBoundingClientRect();
    const frame = outline.getBoundingClientRect();
    await expect(frame.left).toBeGreaterThan(box.left + 10);
    await expect(frame.right).toBeLessThan(box.right - 10);
    await expect(Math.round(frame.height)).toBe(Math.round(box.height));
  },
};

/** A video file instead of a camera (`src`), as demos and tests on machines without a camera use. */
export const VideoFile: Story = {
  args: { src: SAMPLE_VIDEO },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    const { video } = await untilLive(canvasElement);
    await expect(video.loop).toBe(true);
    await expect(video.srcObject).toBeNull();
  },
};

/** While the browser asks for permission (here: nobody answers), after a short delay. */
export const AskingPermission: Story = {
  ...withFakeCamera({ failure: 'pending' }, 'Waiting for the camera'),
  play: async ({ canvasElement }) => {
    const status = await within(canvasElement).findByText('Waiting for the camera…', {}, TIMEOUT).then((e) => e.parentElement!);
    await expect(status).toHaveTextContent('Waiting for the camera');
    await expect(status).toHaveTextContent('allow access to the camera');
    await waitFor(() => expect(getComputedStyle(status).opacity).toBe('1'), TIMEOUT);
  },
};

/** Permission refused: says how to allow it again, with a retry. */
export const PermissionDenied: Story = {
  ...withFakeCamera({ failure: 'permission-denied' }, 'Camera access is blocked'),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('Camera access is blocked');
    await expect(alert).toHaveTextContent('address bar');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible();
  },
};

/** No camera connected. */
export const NoCamera: Story = {
  ...withFakeCamera({ failure: 'not-found' }, 'No camera found'),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('No camera found');
    await expect(alert).toHaveTextContent('Connect a camera');
  },
};

/** Another app holds the camera. */
export const CameraInUse: Story = {
  ...withFakeCamera({ failure: 'in-use' }, 'The camera is in use'),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('The camera is in use');
  },
};

/** The camera cannot give what was asked (a resolution, a device that is gone). */
export const ImpossibleSettings: Story = {
  ...withFakeCamera({}, "The camera can't provide these settings"),
  args: { videoConstraints: { width: { exact: 99999 } } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent("The camera can't provide these settings");
  },
};

let unplug: (() => void) | undefined;

/** The camera is unplugged while live, then restarted with the retry button. */
export const Disconnected: Story = {
  parameters: { cameraSource: 'none', ...OWN_FRAME },
  beforeEach: () => {
    const fake = installFakeCamera({ videoUrl: SAMPLE_VIDEO });
    unplug = fake.endTracks;
    return fake.uninstall;
  },
  play: async ({ canvasElement }) => {
    const { canvas, view } = await untilLive(canvasElement);
    unplug?.();
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('The camera was disconnected');
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(view).toHaveAttribute('data-status', 'live'), TIMEOUT);
  },
};

/** `autoStart={false}`: nothing is asked until the person presses Start. */
export const StartOnClick: Story = {
  args: { autoStart: false },
  parameters: { expectedStatus: 'Camera is off' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Camera is off'), TIMEOUT);
    await userEvent.click(canvas.getByRole('button', { name: 'Start camera' }));
    await untilLive(canvasElement);
  },
};

/** Two cameras: a picker appears and switches between them. */
export const TwoCameras: Story = {
  ...withFakeCamera({
    devices: [
      { deviceId: 'front', label: 'Front camera' },
      { deviceId: 'back', label: 'Back camera' },
    ],
  }),
  play: async ({ canvasElement }) => {
    const { canvas, view } = await untilLive(canvasElement);
    const picker = await canvas.findByRole('combobox', { name: 'Choose camera' }, TIMEOUT);
    await userEvent.selectOptions(picker, 'Back camera');
    await waitFor(() => expect(view).toHaveAttribute('data-status', 'live'), TIMEOUT);
    await expect(picker).toHaveValue('back');
  },
};
