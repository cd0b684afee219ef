import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { WebcamView, useWebcam } from '@webcam-ml/react/webcam';
import { ClassifierTrainer, useTrainableClassifier } from '@webcam-ml/react/classifier';
import type { ClassifierPrediction, FeatureName } from '@webcam-ml/core/classifier';
import { documents } from './support/documents';
import { UseTrainableClassifierOptionsTable } from './hooks/hookOptions';

const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
type Direction = (typeof DIRECTIONS)[number];
const STEP: Record<Direction, [number, number]> = { up: [-1, 0], down: [1, 0], left: [0, -1], right: [0, 1] };
const ANGLE: Record<Direction, number> = { right: 0, down: 90, left: 180, up: 270 };

// '#' wall, '.' dot. Pac-Man starts on row 3, column 7.
const MAZE = [
  '###############',
  '#......#......#',
  '#.###..#..###.#',
  '#.............#',
  '#.###.#.#.###.#',
  '#.....#.#.....#',
  '###.#.#.#.#.###',
  '#...#.....#...#',
  '#.#####.#####.#',
  '#.............#',
  '###############',
];
const START: [number, number] = [3, 7];
const CELL = 24;

function allDots(): Set<string> {
  const dots = new Set<string>();
  MAZE.forEach((row, r) => [...row].forEach((c, col) => c === '.' && !(r === START[0] && col === START[1]) && dots.add(`${r},${col}`)));
  return dots;
}

interface GameState {
  at: [number, number];
  dots: Set<string>;
  score: number;
  tick: number;
}

/** A small Pac-Man: moves one cell per tick in `direction`, eats dots, stops at walls. */
function PacManGame({ direction, onKeyDirection, tickMs = 250 }: { direction: Direction | null; onKeyDirection: (d: Direction) => void; tickMs?: number }) {
  const [game, setGame] = useState<GameState>(() => ({ at: START, dots: allDots(), score: 0, tick: 0 }));
  const directionRef = useRef(direction);
  useEffect(() => {
    directionRef.current = direction;
  });

  useEffect(() => {
    const timer = setInterval(() => {
      setGame((g) => {
        const d = directionRef.current;
        if (!d) return g;
        const [r, c] = [g.at[0] + STEP[d][0], g.at[1] + STEP[d][1]];
        if (MAZE[r]?.[c] !== '.') return g;
        const key = `${r},${c}`;
        const dots = g.dots.has(key) ? new Set([...g.dots].filter((k) => k !== key)) : g.dots;
        const won = dots.size === 0;
        return { at: won ? START : [r, c], dots: won ? allDots() : dots, score: g.score + (dots !== g.dots ? 10 : 0), tick: g.tick + 1 };
      });
    }, tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);

  const onKeyDown = (event: KeyboardEvent) => {
    const d = ({ ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const)[event.key as 'ArrowUp'];
    if (d) {
      event.preventDefault();
      onKeyDirection(d);
    }
  };

  const mouth = game.tick % 2 === 0 ? 35 : 10;
  const [r, c] = game.at;
  const cx = c * CELL + CELL / 2;
  const cy = r * CELL + CELL / 2;
  const rad = CELL / 2 - 2;
  const a = (mouth * Math.PI) / 180;
  return (
    <figure style={{ margin: 0, display: 'grid', gap: 6, justifyItems: 'start', font: '14px system-ui, sans-serif' }}>
      <svg
        width={MAZE[0].length * CELL}
        height={MAZE.length * CELL}
        role="img"
        aria-label={`Pac-Man maze, score ${game.score}. Arrow keys steer too.`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ background: '#000', borderRadius: 8, outlineOffset: 2 }}
      >
        {MAZE.flatMap((row, ri) =>
          [...row].map((cell, ci) =>
            cell === '#' ? <rect key={`${ri},${ci}`} x={ci * CELL + 2} y={ri * CELL + 2} width={CELL - 4} height={CELL - 4} rx={4} fill="#1e3a8a" /> : null,
          ),
        )}
        {[...game.dots].map((key) => {
          const [dr, dc] = key.split(',').map(Number);
          return <circle key={key} cx={dc * CELL + CELL / 2} cy={dr * CELL + CELL / 2} r={3} fill="#fde68a" />;
        })}
        <path
          data-testid="pacman"
          data-row={r}
          data-col={c}
          transform={`rotate(${ANGLE[direction ?? 'right']} ${cx} ${cy})`}
          d={`M ${cx} ${cy} L ${cx + rad * Math.cos(a)} ${cy - rad * Math.sin(a)} A ${rad} ${rad} 0 1 0 ${cx + rad * Math.cos(a)} ${cy + rad * Math.sin(a)} Z`}
          fill="#facc15"
        />
      </svg>
      <figcaption>
        <span role="status" aria-live="polite">
          {direction ? `Heading ${direction}` : 'Waiting for a direction'}
        </span>{' '}
        · Score <output aria-label="Score">{game.score}</output>
      </figcaption>
    </figure>
  );
}

interface PacManDemoProps {
  /** Features the four classes are learnt from ('pose' follows your body, 'image' the whole picture). */
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
    features: { control: 'inline-radio', options: ['pose', 'image', 'face'] },
    threshold: { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
    minExamples: { control: { type: 'range', min: 1, max: 20, step: 1 } },
  },
  parameters: {
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
