// The Pac-Man game the classifier and hand-gesture stories steer: it only takes a direction.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** The four ways Pac-Man can go. */
export const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
/** One of `DIRECTIONS`. */
export type Direction = (typeof DIRECTIONS)[number];
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
export function PacManGame({ direction, onKeyDirection, tickMs = 250 }: { direction: Direction | null; onKeyDirection: (d: Direction) => void; tickMs?: number }) {
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
