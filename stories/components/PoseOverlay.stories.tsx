import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { PoseOverlay, usePose, type PoseOverlayProps } from '@webcam-ml/react/pose';

type OverlayArgs = Omit<PoseOverlayProps, 'poses' | 'frameSize'>;

/** A photo with the pose `usePose` finds, drawn by the overlay with the story's args. */
function OnThePhoto(args: OverlayArgs) {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const pose = usePose({ source: img });
  return (
    <div style={{ position: 'relative', width: 360 }}>
      <img ref={setImg} src="./fixtures/pose/pose.jpg" alt="A person" style={{ display: 'block', width: '100%' }} />
      <PoseOverlay {...args} poses={pose.poses} frameSize={pose.frameSize} />
    </div>
  );
}

const meta = {
  title: 'Components/PoseOverlay',
  component: PoseOverlay,
  parameters: { cameraSource: 'none' },
  args: { poses: [] },
  render: ({ poses: _poses, frameSize: _frameSize, ...args }) => <OnThePhoto {...args} />,
} satisfies Meta<typeof PoseOverlay>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Live: MoveNet Lightning on a photo, the skeleton drawn as SVG. */
export const OnAPhoto: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('circle[data-keypoint]').length).toBeGreaterThanOrEqual(10), { timeout: 90_000 });
  },
};

/** Colours from props (the same as the CSS variables) and thicker lines, drawn on a canvas. */
export const ThemedCanvas: Story = {
  args: { renderer: 'canvas', lineColor: '#84cc16', leftColor: '#ef4444', rightColor: '#3b82f6', lineWidth: 5, keypointRadius: 6 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-webcam-ml="pose-overlay"]')).toHaveAttribute('data-poses', '1'), { timeout: 90_000 });
    await expect(canvasElement.querySelector('[data-webcam-ml="pose-overlay"] canvas')).not.toBeNull();
  },
};
