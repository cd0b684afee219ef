import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { useWebcam, WebcamView, type WebcamViewProps } from '@webcam-ml/react/webcam';

type ViewArgs = Omit<WebcamViewProps, 'webcam'>;

/** `useWebcam` and its view: the camera (the toolbar's Source; the sample video without one). */
function CameraAndView(args: ViewArgs) {
  const webcam = useWebcam({ mirrored: true });
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      <WebcamView {...args} webcam={webcam} />
      <p style={{ margin: 0 }}>
        Status: <output aria-label="Camera status">{webcam.status}</output> · {webcam.videoWidth}×{webcam.videoHeight}
      </p>
    </div>
  );
}

const meta = {
  title: 'Components/WebcamView',
  component: WebcamView,
  args: { webcam: undefined as never, objectFit: 'cover', style: { width: 400, height: 300 } },
  argTypes: { objectFit: { control: 'inline-radio', options: ['contain', 'cover', 'fill'] } },
  render: ({ webcam: _webcam, ...args }) => <CameraAndView {...args} />,
} satisfies Meta<typeof WebcamView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The view of a camera you hold yourself (to feed `webcam.video` to a model too). */
export const Live: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByLabelText('Camera status')).toHaveTextContent('live'), { timeout: 20_000 });
    await expect(canvas.getByRole('group', { name: 'Camera' })).toHaveAttribute('data-status', 'live');
  },
};
