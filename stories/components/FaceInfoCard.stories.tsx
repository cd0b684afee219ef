import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { FaceInfoCard } from '@webcam-ml/react/face';
import { SAMPLE_FACE } from './sampleFace';

const meta = {
  title: 'Components/FaceInfoCard',
  component: FaceInfoCard,
  parameters: { cameraSource: 'none' },
  args: { face: SAMPLE_FACE },
} satisfies Meta<typeof FaceInfoCard>;
export default meta;
type Story = StoryObj<typeof meta>;

/** One face's estimates (here a fixed face; pass one of `useFaceInfo().faces`). */
export const OneFace: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Face 1' })).toBeVisible();
    await expect(canvas.getByText('about 34 (estimate)')).toBeVisible();
    await expect(canvas.getByRole('meter', { name: 'happy' })).toHaveAttribute('aria-valuenow', '81');
  },
};

/** A title of your own, for example the name a `FaceMatcher` found. */
export const Titled: Story = {
  args: { title: 'Alex' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { name: 'Alex' })).toBeVisible();
  },
};

/** No face in view. */
export const NoFace: Story = {
  args: { face: null },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No face in view')).toBeVisible();
  },
};
