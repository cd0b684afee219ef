import { useCallback, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { WebcamView, useWebcam } from '@webcam-ml/react/webcam';
import { ClassifierTrainer, useTrainableClassifier } from '@webcam-ml/react/classifier';
import type { ClassifierPrediction, FeatureName } from '@webcam-ml/core/classifier';
import { DIRECTIONS, PacManGame, type Direction } from './support/PacManGame';
import { documents } from './support/documents';
import { UseTrainableClassifierOptionsTable } from './hooks/hookOptions';

interface PacManDemoProps {
  /** Features the four classes are learnt from ('pose' follows your body, 'hands' your hand's shape, 'image' the whole picture). */
  features: FeatureName;
  /** Below this confidence Pac-Man keeps going the way it was. */
  threshold: number;
  /** Examples per class needed before it steers. */
  minExamples: number;
}

function PacManDemo({ features, threshold, minExamples }: PacManDemoProps) {
  const cam = useWebcam();
  const [direction, setDirection] = useState<Direction | null>(null);
  const onPrediction = useCallback((p: ClassifierPrediction) => {
    if ((DIRECTIONS as readonly string[]).includes(p.label)) setDirection(p.label as Direction);
  }, []);
  const classifier = useTrainableClassifier({
    source: cam.video,
    features,
    threshold,
    minExamples,
    datasetName: `pacman-${features}`,
    onPrediction,
  });
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: 16, alignItems: 'start' }}>
      <div style={{ display: 'grid', gap: 8 }}>
        <WebcamView webcam={cam} style={{ aspectRatio: '1', background: '#000' }} />
        <PacManGame direction={direction} onKeyDirection={setDirection} />
      </div>
      <ClassifierTrainer classifier={classifier} initialClasses={DIRECTIONS} thumbnails={4} />
    </div>
  );
}

const meta = {
  title: 'Classifier/Pac-Man game',
  // The args are useTrainableClassifier options: the table shows their JSDoc; ClassifierTrainer's props in a tab.
  component: documents<PacManDemoProps>(UseTrainableClassifierOptionsTable),
  render: (args) => <PacManDemo {...args} />,
  subcomponents: { ClassifierTrainer },
  args: { features: 'pose', threshold: 0.6, minExamples: 2 },
  argTypes: {
    features: { control: 'inline-radio', options: ['pose', 'image', 'face', 'hands'] },
    threshold: { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
    minExamples: { control: { type: 'range', min: 1, max: 20, step: 1 } },
  },
  parameters: {
    // What each story shows before any interaction (checked on the docs page and alone).
    expectedStatus: 'Waiting for a direction',
    docs: {
      description: {
        component:
          'Train four classes (up, down, left, right) from the camera, or the sample video when there is none: ' +
          'hold a class\'s record button while you make that gesture. Pac-Man then follows the prediction. ' +
          'The examples are saved in this browser (IndexedDB) under `pacman-image`, `pacman-pose` or `pacman-face` (one dataset per `features`).',
      },
    },
  },
} satisfies Meta<typeof PacManDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Train the four directions, then steer. The play function trains from the sample video and checks the game follows. */
export const Game: Story = {
  args: { features: 'image' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/^Ready/)).toBeVisible(), { timeout: 120_000 });
    // The saved dataset of an earlier run would make this test depend on it: start clean.
    for (const d of DIRECTIONS) {
      const clear = canvas.queryByRole('button', { name: `Clear the examples of ${d}` });
      if (clear && !(clear as HTMLButtonElement).disabled) await userEvent.click(clear);
    }
    for (const d of DIRECTIONS) {
      for (let i = 0; i < 2; i++) {
        await userEvent.click(canvas.getByRole('button', { name: `Add one example of ${d}` }));
        await waitFor(() => expect(canvasElement.querySelector(`[data-class="${d}"] span`)?.textContent).toBe(i === 0 ? '1 example' : `${i + 1} examples`), { timeout: 20_000 });
      }
    }
    // The classifier now steers: some direction shows up (which one depends on the video frame).
    await waitFor(() => expect(canvas.getByText(/^Heading (up|down|left|right)$/)).toBeVisible(), { timeout: 20_000 });
  },
};

/** The arrow keys steer as well (the maze is focusable), so the game is playable without a camera. */
export const Keyboard: Story = {
  args: { features: 'pose' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const maze = await canvas.findByRole('img', { name: /Pac-Man maze/ }, { timeout: 20_000 });
    maze.focus();
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(Number(canvas.getByLabelText('Score').textContent)).toBeGreaterThan(0), { timeout: 5_000 });
    await expect(canvas.getByText('Heading right')).toBeVisible();
  },
};
