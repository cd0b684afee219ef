import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { WebcamView, useWebcam } from '@webcam-ml/react/webcam';
import { ClassifierTrainer, PredictionBars, useTrainableClassifier } from '@webcam-ml/react/classifier';
import type { FeatureName } from '@webcam-ml/core/classifier';
import { installFakeCamera } from '@webcam-ml/core/testing';
import { documents } from './support/documents';

interface TrainerDemoProps {
  /** What each frame is turned into. */
  features: FeatureName;
  /** Neighbours that vote. */
  k: number;
  /** Below this confidence the prediction is 'unknown'. */
  threshold: number;
  /** IndexedDB dataset name ('' keeps the examples in memory only). */
  datasetName: string;
}

function TrainerDemo({ features, k, threshold, datasetName }: TrainerDemoProps) {
  const cam = useWebcam();
  const classifier = useTrainableClassifier({ source: cam.video, features, k, threshold, datasetName: datasetName || null });
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(240px, 360px) minmax(320px, 1fr)', gap: 16, alignItems: 'start' }}>
      <WebcamView webcam={cam} style={{ aspectRatio: '1', background: '#000' }} />
      <ClassifierTrainer classifier={classifier} initialClasses={['A', 'B']} />
    </div>
  );
}

/** An arg of the demo (an option of the classifier it builds), listed apart from the component's props. */
function demoOption(description: string) {
  return { description, table: { category: 'Demo: useTrainableClassifier options' } };
}

const meta = {
  title: 'Classifier/ClassifierTrainer',
  // The table shows ClassifierTrainer's props; the demo's args are options of the classifier it builds.
  component: documents<TrainerDemoProps>(ClassifierTrainer),
  render: (args) => <TrainerDemo {...args} />,
  subcomponents: { PredictionBars },
  args: { features: 'image', k: 5, threshold: 0.5, datasetName: '' },
  // What each story shows before any interaction (checked on the docs page and alone).
  parameters: { expectedStatus: 'Ready' },
  argTypes: {
    features: { control: 'inline-radio', options: ['image', 'pose', 'face'], ...demoOption('What each frame is turned into.') },
    k: { control: { type: 'range', min: 1, max: 15, step: 1 }, ...demoOption('Neighbours that vote.') },
    threshold: { control: { type: 'range', min: 0, max: 1, step: 0.05 }, ...demoOption("Below this confidence the prediction is 'unknown'.") },
    datasetName: { control: 'text', ...demoOption("IndexedDB dataset name ('' keeps the examples in memory only).") },
  },
} satisfies Meta<typeof TrainerDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const untilReady = async (canvasElement: HTMLElement) => {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvas.getByText(/^Ready/)).toBeVisible(), { timeout: 120_000 });
  return canvas;
};

/** Train two classes from the camera (the sample video when there is none) and watch the bars. */
export const Trainer: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await untilReady(canvasElement);
    for (const name of ['A', 'B']) {
      for (let i = 0; i < 3; i++) {
        await userEvent.click(canvas.getByRole('button', { name: `Add one example of ${name}` }));
        await waitFor(() => expect(canvas.getByLabelText(i === 0 ? '1 example' : `${i + 1} examples`, { selector: `[data-class="${name}"] span` })).toBeVisible(), { timeout: 20_000 });
      }
    }
    await waitFor(() => expect(canvas.getByText(/^Prediction: (A|B|unknown)$/)).toBeVisible(), { timeout: 20_000 });
    await expect(canvas.getByRole('meter', { name: 'A' })).toBeVisible();
  },
};

/** Holds class A's record button with the keyboard (Space down) once the trainer is ready; returns the release. */
async function holdRecordA(canvasElement: HTMLElement) {
  const canvas = await untilReady(canvasElement);
  const user = userEvent.setup();
  const record = canvas.getByRole('button', { name: 'Hold to record A' });
  record.focus();
  await user.keyboard('[Space>]');
  await waitFor(() => expect(record).toHaveAttribute('aria-pressed', 'true'));
  return {
    canvas,
    release: async () => {
      await user.keyboard('[/Space]');
      await waitFor(() => expect(record).toHaveAttribute('aria-pressed', 'false'));
    },
  };
}

/** Hold the record button (here with the keyboard: Space held down) to take examples at a steady rate. */
export const Recording: Story = {
  args: { features: 'pose' },
  play: async ({ canvasElement }) => {
    const { release } = await holdRecordA(canvasElement);
    await waitFor(() => expect(Number(canvasElement.querySelector('[data-class="A"] span')?.textContent?.split(' ')[0])).toBeGreaterThanOrEqual(3), { timeout: 30_000 });
    await release();
  },
};

/**
 * Recording pose examples while nobody is in view (the camera shows a test pattern): the trainer
 * says so instead of a silent "Recording…" with 0 examples. Shown in its own frame on the docs
 * page, since its camera replaces the page's.
 */
export const RecordingNobodyInView: Story = {
  args: { features: 'pose' },
  parameters: { cameraSource: 'none', docs: { story: { inline: false, iframeHeight: 420 } } },
  beforeEach: () => installFakeCamera({}).uninstall,
  play: async ({ canvasElement }) => {
    const { canvas, release } = await holdRecordA(canvasElement);
    await waitFor(() => expect(canvas.getByText('Nobody in view: no example taken')).toBeVisible(), { timeout: 30_000 });
    await expect(canvasElement.querySelector('[data-class="A"] span')?.textContent).toBe('0 examples');
    await release();
    await expect(canvas.queryByText('Nobody in view: no example taken')).toBeNull();
  },
};

/** A file that is not a dataset is refused with a message, and the examples stay. */
export const BadImport: Story = {
  parameters: { expectedStatus: 'Ready', expectedAfterPlay: 'Not a valid dataset file' },
  play: async ({ canvasElement }) => {
    const canvas = await untilReady(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Add one example of A' }));
    await waitFor(() => expect(`${canvasElement.querySelector('[data-class="A"] span')?.textContent} ${canvas.queryByRole('alert')?.textContent ?? ''}`).toBe('1 example '), { timeout: 20_000 });
    // The extractor is the one this classifier uses (grid pooling, the default): the file is refused
    // for its broken embedding, not for naming another extractor.
    const bad = new File(['{"format":"webcam-ml/classifier-dataset","version":1,"extractor":{"id":"image:mobilenet-v2:pooled:normalised:grid","dimension":5120},"mirrored":false,"classes":[{"name":"A","examples":[{"embedding":"AAAA"}]}]}'], 'bad.json', { type: 'application/json' });
    await userEvent.upload(canvas.getByLabelText('Dataset file to import'), bad);
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent(/Not a valid dataset file/));
    await expect(canvasElement.querySelector('[data-class="A"] span')?.textContent).toBe('1 example');
  },
};

/** `PredictionBars` for any result: confident, unknown, and before the first prediction. */
export const PredictionBarStates: StoryObj = {
  parameters: { cameraSource: 'none', expectedStatus: 'No prediction yet' },
  render: () => (
    <div style={{ display: 'grid', gap: 24, maxWidth: 360 }}>
      <PredictionBars
        prediction={{ label: 'up', confidences: [{ label: 'up', confidence: 0.8 }, { label: 'down', confidence: 0.2 }] }}
      />
      <PredictionBars
        prediction={{ label: 'unknown', confidences: [{ label: 'up', confidence: 0.4 }, { label: 'down', confidence: 0.4 }, { label: 'left', confidence: 0.2 }] }}
      />
      <PredictionBars prediction={null} labels={['up', 'down']} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Prediction: up')).toBeVisible();
    await expect(canvas.getByText('Prediction: unknown')).toBeVisible();
    await expect(canvas.getByText('No prediction yet')).toBeVisible();
    await expect(canvas.getAllByRole('meter', { name: 'up' })[0]).toHaveAttribute('aria-valuenow', '80');
  },
};
