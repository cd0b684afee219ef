import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { PerformanceDisplay } from '@webcam-ml/react/runtime';
import { PoseView } from '@webcam-ml/react/pose';
import { SAMPLE_VIDEO } from '../../.storybook/preview';

const meta = {
  title: 'Components/PerformanceDisplay',
  component: PerformanceDisplay,
  parameters: { cameraSource: 'none' },
  args: { stats: { fps: 24.6, latencyMs: 38.2, droppedFrames: 3, backend: 'wasm' } },
} satisfies Meta<typeof PerformanceDisplay>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Fixed figures (pass a widget's state: `usePose()`, `useFaceInfo()`...). */
export const Figures: Story = {
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector<HTMLElement>('dl[aria-label="Performance"]')!;
    await expect(root).toHaveTextContent('FPS24.6');
    await expect(root).toHaveTextContent('Latency38 ms');
    await expect(root).toHaveAttribute('data-backend', 'wasm');
  },
};

/** Live, under a pose view on the sample video. */
export const Live: Story = {
  render: () => <PoseView src={SAMPLE_VIDEO} showPerformance style={{ width: 360, height: 270 }} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-webcam-ml="performance"]')?.getAttribute('data-backend')).not.toBe('none'), { timeout: 90_000 });
  },
};
