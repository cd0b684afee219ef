import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { useBackend, useRuntime, WebcamMLProvider } from '@webcam-ml/react/runtime';
import { PoseView } from '@webcam-ml/react/pose';
import { SAMPLE_VIDEO } from '../../.storybook/preview';

/** What a widget inside sees: its runtime's settings and backend. */
function RuntimeReadout() {
  const runtime = useRuntime();
  const backend = useBackend();
  const { modelBaseUrl, persistentCache, releaseDelayMs } = runtime.getConfig();
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px', margin: 0 }} aria-label="Runtime">
      <dt>modelBaseUrl</dt>
      <dd style={{ margin: 0 }} data-testid="model-base-url">{modelBaseUrl}</dd>
      <dt>persistentCache</dt>
      <dd style={{ margin: 0 }}>{String(persistentCache)}</dd>
      <dt>releaseDelayMs</dt>
      <dd style={{ margin: 0 }}>{releaseDelayMs}</dd>
      <dt>backend</dt>
      <dd style={{ margin: 0 }} data-testid="backend">{backend.status === 'ready' ? backend.backend : backend.status}</dd>
    </dl>
  );
}

const meta = {
  title: 'Components/WebcamMLProvider',
  component: WebcamMLProvider,
  parameters: { cameraSource: 'none' },
  args: { modelBaseUrl: './models/', releaseDelayMs: 2000 },
  render: (args) => (
    <WebcamMLProvider {...args}>
      <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <PoseView src={SAMPLE_VIDEO} style={{ width: 320, height: 240 }} />
        <RuntimeReadout />
      </div>
    </WebcamMLProvider>
  ),
} satisfies Meta<typeof WebcamMLProvider>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A provider's settings reach every widget inside (here a pose view and a readout of the runtime). */
export const Settings: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByTestId('model-base-url')).toHaveTextContent('./models/');
    await waitFor(() => expect(canvas.getByText(/^(Tracking 1 person|No person in view)$/)).toBeVisible(), { timeout: 90_000 });
    await expect(canvas.getByTestId('backend').textContent).toMatch(/^(wasm|webgl|webgpu|cpu)$/);
  },
};

/** A folder with no models: the widgets inside report it, the rest of the page is untouched. */
export const ModelsMissing: Story = {
  args: { modelBaseUrl: './no-models-here/' },
  parameters: { expectedStatus: 'Pose tracking failed' },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 90_000 });
    await expect(alert).toHaveTextContent('Pose tracking failed');
  },
};
