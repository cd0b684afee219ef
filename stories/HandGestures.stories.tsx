import { useCallback, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { HandGesture, HandGestureName, HandsResult } from '@webcam-ml/core/hands';
import type { ClassifierPrediction } from '@webcam-ml/core/classifier';
import { WebcamView, useWebcam } from '@webcam-ml/react/webcam';
import { HandOverlay, HandView, useHands } from '@webcam-ml/react/hands';
import { ClassifierTrainer, useTrainableClassifier } from '@webcam-ml/react/classifier';
import { GESTURE_LABELS, GESTURE_NAMES, GestureIcon } from './support/GestureIcons';
import { PacManGame, type Direction } from './support/PacManGame';

const TIMEOUT = { timeout: 120_000 };
/** A right hand spelling ASL letters: fists, a pointing index ("D"), a pinch, a raised thumb. */
const HAND_VIDEO = './fixtures/hands/asl_hand.25fps.mp4';

/** Every built-in gesture with its icon; the ones the hand shows now are marked, with their score. */
function GestureLegend({ gestures }: { gestures: readonly HandGesture[] }) {
  return (
    <ul aria-label="Built-in gestures" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 6 }}>
      {GESTURE_NAMES.map((name) => {
        const shown = gestures.find((g) => g.name === name);
        return (
          <li
            key={name}
            data-gesture={name}
            data-active={shown ? 'true' : undefined}
            aria-current={shown ? 'true' : undefined}
            style={{
              display: 'grid',
              gridTemplateColumns: '40px 1fr',
              alignItems: 'center',
              gap: 6,
              padding: 4,
              borderRadius: 6,
              font: '13px system-ui, sans-serif',
              background: shown ? '#dcfce7' : '#f4f4f5',
              outline: shown ? '2px solid #16a34a' : 'none',
            }}
          >
            <GestureIcon name={name} size={40} decorative />
            <span>
              {GESTURE_LABELS[name]}
              <br />
              {shown ? (
                <meter min={0} max={1} value={shown.score} aria-label={`${GESTURE_LABELS[name]} score`} style={{ width: '100%' }} />
              ) : (
                <small style={{ color: '#52525b' }}>not shown</small>
              )}
              {shown?.strength !== undefined && <small> strength {shown.strength.toFixed(2)}</small>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

interface BuiltInGesturesProps {
  /** A video URL to track; the camera (mirrored) when left out. */
  src?: string;
  /** Hands tracked at once. */
  maxHands: number;
}

/** The hand video (or the camera) with the skeleton, and the legend of built-in gestures lit by the first hand. */
function BuiltInGestures({ src, maxHands }: BuiltInGesturesProps) {
  const webcam = useWebcam({ src, mirrored: src === undefined });
  const { hands, frameSize, status } = useHands({ source: webcam.video, maxHands });
  const first = hands[0]?.gestures ?? [];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 300px) minmax(300px, 1fr)', gap: 16, alignItems: 'start' }}>
      <WebcamView webcam={webcam} label="Hand video" style={{ width: '100%', aspectRatio: src ? '620 / 1080' : '4 / 3', background: '#000' }}>
        <HandOverlay hands={hands} frameSize={frameSize} />
      </WebcamView>
      <div style={{ display: 'grid', gap: 8 }}>
        <p role="status" aria-live="polite" style={{ margin: 0, font: '15px system-ui, sans-serif' }}>
          {status !== 'ready' ? 'Loading the hand models…' : first[0] ? `Gesture: ${GESTURE_LABELS[first[0].name]}` : hands.length ? 'A hand, no gesture' : 'No hand in view'}
        </p>
        <GestureLegend gestures={first} />
        <p style={{ margin: 0, font: '12px system-ui, sans-serif', color: '#52525b' }}>
          Left and right are the person&apos;s own: in a mirrored (selfie) view, pointing right points to the screen&apos;s right.
        </p>
      </div>
    </div>
  );
}

const meta = {
  title: 'Hands/Gestures',
  component: BuiltInGestures,
  args: { maxHands: 1 },
  argTypes: { maxHands: { control: { type: 'number', min: 1, max: 4 } } },
  parameters: {
    docs: {
      description: {
        component:
          'The built-in, rule-based gestures of every tracked hand (`hand.gestures`, best first, scores 0..1), and gestures you teach ' +
          "the classifier with `features: 'hands'`. See Docs/How hand tracking works.",
      },
    },
  },
} satisfies Meta<typeof BuiltInGestures>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The ASL hand video: the legend lights up the fist, the pointing index and the other shapes as they pass. */
export const BuiltInOnVideo: Story = {
  args: { src: HAND_VIDEO },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/^Gesture: /, {}, TIMEOUT);
    // The video is mostly fists; the pointing index ("D") comes by within one loop.
    await waitFor(() => expect(canvasElement.querySelector('[data-gesture="closed_fist"][data-active]')).not.toBeNull(), TIMEOUT);
    await waitFor(() => expect(canvasElement.querySelector('[data-gesture="pointing_up"][data-active]')).not.toBeNull(), TIMEOUT);
    await expect(canvas.getAllByRole('listitem')).toHaveLength(GESTURE_NAMES.length);
    await expect(canvasElement.querySelectorAll('svg[data-gesture-icon]')).toHaveLength(GESTURE_NAMES.length);
  },
};

/** Your camera, mirrored (the toolbar's Source; the hand video when there is no camera): try each gesture. */
export const BuiltInOnCamera: Story = {
  parameters: { sampleVideo: HAND_VIDEO },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('list', { name: 'Built-in gestures' })).toBeVisible();
    // The models are loaded and frames are read (a gesture, or none, depending on what the camera shows).
    await canvas.findByText(/^(Gesture: |A hand, no gesture|No hand in view)/, {}, TIMEOUT);
  },
};

const RPS = ['rock', 'paper', 'scissors'] as const;

/** Rock, paper, scissors taught live: three classes of hand shapes, from either hand. */
function RockPaperScissors({ src }: { src?: string }) {
  const webcam = useWebcam({ src, mirrored: src === undefined });
  const [shown, setShown] = useState<string | null>(null);
  const onPrediction = useCallback((p: ClassifierPrediction) => setShown(p.label), []);
  // Few examples per class: three neighbours vote, so two matching examples make a confident answer.
  const classifier = useTrainableClassifier({ source: webcam.video, features: 'hands', k: 3, minExamples: 2, onPrediction });
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: 16, alignItems: 'start' }}>
      <div style={{ display: 'grid', gap: 8 }}>
        <WebcamView webcam={webcam} label="Camera" style={{ width: '100%', aspectRatio: src ? '620 / 1080' : '4 / 3', maxHeight: 480, background: '#000' }} />
        <p role="status" aria-live="polite" style={{ margin: 0, font: '18px system-ui, sans-serif' }}>
          {shown && (RPS as readonly string[]).includes(shown) ? `You show: ${shown}` : 'Teach each shape, then show one'}
        </p>
      </div>
      <ClassifierTrainer classifier={classifier} initialClasses={RPS} thumbnails={3} />
    </div>
  );
}

/**
 * Teach rock, paper and scissors with your camera: hold a class's record button while your hand
 * makes the shape, a few seconds each. Only the hand's 21 points count, so the background, the
 * light and which hand you use do not.
 */
export const CustomGesturesOnCamera: StoryObj<typeof RockPaperScissors> = {
  render: (args) => <RockPaperScissors {...args} />,
  parameters: { sampleVideo: HAND_VIDEO },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/^Ready/)).toBeVisible(), TIMEOUT);
    for (const name of RPS) await expect(canvas.getByRole('button', { name: `Add one example of ${name}` })).toBeEnabled();
  },
};

/** Shows frame `index` of the (25 fps) hand video, paused. */
async function showFrame(video: HTMLVideoElement, index: number) {
  video.pause();
  await new Promise<void>((resolve) => {
    video.addEventListener('seeked', () => resolve(), { once: true });
    video.currentTime = (index + 0.5) / 25;
  });
}

/**
 * The same on the hand video. The play function trains each class on two frames of the video that
 * come closest to it (rock: the "S" fist, frames 270 and 285; paper: the open, curved hand of frames
 * 295-296; scissors: the "K", index and middle out, frames 25 and 40), plays the video again and
 * waits for its fist to be called rock.
 */
export const CustomGesturesOnVideo: StoryObj<typeof RockPaperScissors> = {
  render: (args) => <RockPaperScissors {...args} />,
  args: { src: HAND_VIDEO },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/^Ready/)).toBeVisible(), TIMEOUT);
    const video = canvasElement.querySelector('video')!;
    const frames: Record<(typeof RPS)[number], number[]> = { rock: [270, 285], paper: [295, 296], scissors: [25, 40] };
    for (const name of RPS) {
      for (const [i, frame] of frames[name].entries()) {
        await showFrame(video, frame);
        await userEvent.click(canvas.getByRole('button', { name: `Add one example of ${name}` }));
        await waitFor(() => expect(canvasElement.querySelector(`[data-class="${name}"] span`)?.textContent).toBe(i === 0 ? '1 example' : `${i + 1} examples`), { timeout: 30_000 });
      }
    }
    await video.play();
    await canvas.findByText('You show: rock', {}, TIMEOUT);
  },
};

const POINTING: Partial<Record<HandGestureName, Direction>> = {
  pointing_up: 'up',
  pointing_down: 'down',
  pointing_left: 'left',
  pointing_right: 'right',
};

/**
 * Pac-Man steered by pointing. The gestures' left and right are the person's; in the mirrored camera
 * view that is also the screen's, so pointing to your right sends Pac-Man right. On an unmirrored
 * video the screen's left and right are the person's swapped.
 */
function PacManByPointing({ src }: { src?: string }) {
  const mirrored = src === undefined;
  const [direction, setDirection] = useState<Direction | null>(null);
  const onResult = useCallback(
    ({ hands }: HandsResult) => {
      const pointing = hands[0]?.gestures.find((g) => POINTING[g.name]);
      if (!pointing) return;
      const d = POINTING[pointing.name]!;
      setDirection(mirrored || (d !== 'left' && d !== 'right') ? d : d === 'left' ? 'right' : 'left');
    },
    [mirrored],
  );
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, max-content))', gap: 16, alignItems: 'start' }}>
      <HandView src={src} mirrored={mirrored} maxHands={1} onResult={onResult} style={{ width: 240, height: src ? 418 : 180 }} />
      <PacManGame direction={direction} onKeyDirection={setDirection} />
    </div>
  );
}

/** Point up, down, left or right at your camera to steer (the arrow keys work too). */
export const PacManOnCamera: StoryObj<typeof PacManByPointing> = {
  render: (args) => <PacManByPointing {...args} />,
  parameters: { sampleVideo: HAND_VIDEO },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('[data-webcam-ml="hand-view"]')).toHaveAttribute('data-hands-status', 'ready'), TIMEOUT);
    const maze = canvas.getByRole('img', { name: /Pac-Man maze/ });
    maze.focus();
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(Number(canvas.getByLabelText('Score').textContent)).toBeGreaterThan(0), { timeout: 5_000 });
  },
};

/** On the hand video: its pointing index ("D", pointing up) turns Pac-Man up. */
export const PacManOnVideo: StoryObj<typeof PacManByPointing> = {
  render: (args) => <PacManByPointing {...args} />,
  args: { src: HAND_VIDEO },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Heading up', {}, TIMEOUT);
  },
};
