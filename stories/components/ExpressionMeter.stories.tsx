import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { FACE_EXPRESSIONS } from '@webcam-ml/core/face';
import { ExpressionMeter } from '@webcam-ml/react/face';
import { SAMPLE_FACE } from './sampleFace';

const meta = {
  title: 'Components/ExpressionMeter',
  component: ExpressionMeter,
  parameters: { cameraSource: 'none' },
  args: { face: SAMPLE_FACE },
} satisfies Meta<typeof ExpressionMeter>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The dominant expression of a face (here a fixed face; pass one of `useFaceInfo().faces`). */
export const Happy: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('happy');
    await expect(canvasElement.querySelector('svg[data-expression-icon="happy"]')).not.toBeNull();
  },
};

/** No face in view: a blank face and "No face", not an empty space. */
export const NoFace: Story = {
  args: { face: null },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('No face');
    await expect(canvasElement.querySelector('svg[data-expression-icon="none"]')).not.toBeNull();
  },
};

/** Every expression's icon, and an uncertain one ("maybe"). Inline SVG: no emoji font needed. */
export const EveryExpression: Story = {
  render: (args) => (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      {FACE_EXPRESSIONS.map((name) => (
        <ExpressionMeter
          key={name}
          {...args}
          size={48}
          face={{ ...SAMPLE_FACE, dominantExpression: name, expressions: { ...SAMPLE_FACE.expressions!, [name]: name === 'fearful' ? 0.4 : 0.9 } }}
        />
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    for (const name of FACE_EXPRESSIONS) await expect(canvasElement.querySelector(`svg[data-expression-icon="${name}"]`)).not.toBeNull();
    await expect(within(canvasElement).getByText('maybe fearful')).toBeVisible();
  },
};
