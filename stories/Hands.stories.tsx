import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { HandOverlay, HandView, useHands, type UseHandsOptions } from '@webcam-ml/react/hands';
import { WithModelBaseUrl } from './support/WithModelBaseUrl';

const TIMEOUT = { timeout: 90_000 };
const HAND_VIDEO = './fixtures/hands/asl_hand.25fps.mp4';

/** Waits until `count` hands with all 21 keypoints are drawn inside `root`. */
async function untilHands(root: HTMLElement, count = 1) {
  await waitFor(() => {
    const hands = [...root.querySelectorAll('g[data-hand]')].filter((g) => g.querySelectorAll('circle[data-keypoint]').length === 21);
    expect(hands.length).toBeGreaterThanOrEqual(count);
  }, TIMEOUT);
}

const meta = {
  title: 'Hands/HandView',
  component: HandView,
  args: {
    model: 'full',
    maxHands: 2,
    objectFit: 'contain',
    showPerformance: true,
    style: { width: 300, height: 480 },
  },
  argTypes: {
    model: { control: 'inline-radio', options: ['lite', 'full'] },
    maxHands: { control: { type: 'number', min: 1, max: 4 } },
    objectFit: { control: 'inline-radio', options: ['contain', 'cover', 'fill'] },
    minScore: { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
    smoothing: { control: 'boolean' },
    gestures: { control: 'boolean' },
    maxFps: { control: { type: 'number', min: 1 } },
  },
} satisfies Meta<typeof HandView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A hand spelling American Sign Language letters (no camera needed): the skeleton follows each finger. */
export const HandVideo: Story = {
  args: { src: HAND_VIDEO, maxHands: 1 },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(/^(Left|Right) hand/, {}, TIMEOUT);
    await untilHands(canvasElement);
  },
};

/**
 * The real camera, mirrored like a selfie view (the toolbar's Source; the hand video when there is
 * no camera). The labels name the person's own hands, mirrored or not.
 */
export const Camera: Story = {
  parameters: { sampleVideo: HAND_VIDEO },
  play: async ({ canvasElement }) => {
    await untilHands(canvasElement);
    await expect(canvasElement.querySelector('[data-webcam-ml="hand-view"]')).toHaveAttribute('data-hands-status', 'ready');
  },
};

/** useHands on a still image, with the overlay placed over it by hand. */
function StillImage({ src, alt, width = 360, mirrored = false, ...options }: UseHandsOptions & { src: string; alt: string; width?: number; mirrored?: boolean }) {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const hands = useHands({ ...options, source: img });
  return (
    <figure style={{ margin: 0, display: 'grid', gap: 4, justifyItems: 'start' }}>
      <div style={{ position: 'relative', width }}>
        <img ref={setImg} src={src} alt={alt} style={{ display: 'block', width: '100%', transform: mirrored ? 'scaleX(-1)' : undefined }} />
        <HandOverlay hands={hands.hands} frameSize={hands.frameSize} mirrored={mirrored} />
      </div>
      <figcaption role={hands.status === 'error' ? 'alert' : 'status'} data-testid="hands-status" style={{ font: '14px system-ui' }}>
        {hands.status === 'idle' && 'Hand tracking off'}
        {hands.status === 'loading' && (
          <>
            Loading the hand models…{' '}
            <progress max={hands.progress.total || 1} value={hands.progress.loaded} aria-label="Hand models downloaded" />
          </>
        )}
        {hands.status === 'recovering' && 'Reloading the models after a graphics reset…'}
        {hands.status === 'ready' &&
          (hands.hands.length === 0 ? 'No hand found' : hands.hands.map((h) => `${h.handedness} hand ${Math.round(h.score * 100)}%`).join(', '))}
        {hands.status === 'error' && `Hand tracking failed: ${hands.error?.message ?? 'unknown error'}`}
      </figcaption>
    </figure>
  );
}

/** Two hands (both left hands, backs to the camera), shown as they are and mirrored: the labels stay the person's. */
export const TwoHands: Story = {
  parameters: { cameraSource: 'none' },
  render: () => (
    <div style={{ display: 'grid', gap: 16 }}>
      <section aria-label="As taken">
        <StillImage src="./fixtures/hands/hands.jpg" alt="Two hands" />
      </section>
      <section aria-label="Mirrored">
        <StillImage src="./fixtures/hands/hands.jpg" alt="Two hands, shown mirrored" mirrored />
      </section>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const name of ['As taken', 'Mirrored']) {
      const section = canvas.getByRole('region', { name });
      await untilHands(section, 2);
      await expect(within(section).getByTestId('hands-status')).toHaveTextContent('left hand');
      await expect([...section.querySelectorAll('g[data-hand]')].map((g) => g.getAttribute('data-handedness'))).toEqual(['left', 'left']);
    }
  },
};

/** Every state a person meets: off, loading with progress then ready, ready with no hand in view. */
export const EveryState: Story = {
  parameters: { cameraSource: 'none' },
  render: function EveryStateStory() {
    return (
      <div style={{ display: 'grid', gap: 24 }}>
        <section aria-label="Off">
          <h4>Off (enabled: false)</h4>
          <StillImage src="./fixtures/hands/hands.jpg" alt="Two hands" enabled={false} width={240} />
        </section>
        <section aria-label="Loading then ready">
          <h4>Loading (detector and full landmarks, 9.1 MB), then ready</h4>
          <StillImage src="./fixtures/hands/hands.jpg" alt="Two hands" width={240} />
        </section>
        <section aria-label="No hand">
          <h4>Ready, no hand in the picture</h4>
          <StillImage src="./fixtures/face/white.png" alt="A blank picture" width={240} />
        </section>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const section = (name: string) => within(canvas.getByRole('region', { name }));
    await waitFor(() => expect(section('Loading then ready').getByTestId('hands-status')).toHaveTextContent('left hand'), TIMEOUT);
    await untilHands(canvas.getByRole('region', { name: 'Loading then ready' }), 2);
    await waitFor(() => expect(section('No hand').getByTestId('hands-status')).toHaveTextContent('No hand found'), TIMEOUT);
    await expect(canvas.getByRole('region', { name: 'Off' }).querySelectorAll('circle').length).toBe(0);
    await expect(section('Off').getByTestId('hands-status')).toHaveTextContent('Hand tracking off');
  },
};

/** The error state: `modelBaseUrl` points where no models are served (a typed `ModelLoadError`). */
export const ModelsMissing: Story = {
  parameters: { cameraSource: 'none', expectedStatus: 'Hand tracking failed' },
  render: () => (
    <WithModelBaseUrl url="./no-models-here/">
      <StillImage src="./fixtures/hands/hands.jpg" alt="Two hands" width={240} />
    </WithModelBaseUrl>
  ),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('Hand tracking failed');
    await expect(alert).toHaveTextContent('not found');
  },
};
