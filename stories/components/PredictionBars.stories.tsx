import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { PredictionBars } from '@webcam-ml/react/classifier';

const meta = {
  title: 'Components/PredictionBars',
  component: PredictionBars,
  parameters: { cameraSource: 'none' },
  args: {
    prediction: { label: 'up', confidences: [{ label: 'up', confidence: 0.8 }, { label: 'down', confidence: 0.15 }, { label: 'left', confidence: 0.05 }] },
    style: { maxWidth: 360 },
  },
} satisfies Meta<typeof PredictionBars>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A confident prediction: the winner's bar in the accent colour, announced politely. */
export const Confident: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('Prediction: up');
    await expect(canvas.getByRole('meter', { name: 'up' })).toHaveAttribute('aria-valuenow', '80');
    await expect(canvasElement.querySelector('[data-winner]')).toHaveAttribute('data-label', 'up');
  },
};

/** Before the first prediction: the bars of the known classes at 0% and the placeholder. */
export const BeforeThePrediction: Story = {
  args: { prediction: null, labels: ['up', 'down', 'left'] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('No prediction yet');
    await expect(canvas.getAllByRole('meter')).toHaveLength(3);
  },
};

/** Unstyled: structure, ARIA and data attributes only, for your own CSS. */
export const Unstyled: Story = {
  args: { unstyled: true },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-webcam-ml="prediction-bars"]')).toHaveAttribute('data-unstyled');
    await expect(within(canvasElement).getByRole('meter', { name: 'up' })).toBeInTheDocument();
  },
};
