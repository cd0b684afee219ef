import type { HTMLAttributes } from 'react';
import { themeRoot, useThemeStyle, type UnstyledProp } from '../theme/useThemeStyle';

/** The figures `PerformanceDisplay` shows; an engine's state has all of them. */
export interface PerformanceStats {
  fps: number;
  latencyMs: number;
  droppedFrames: number;
  backend: string | null;
  /** Where the widget infers (`'worker'` or `'main'`); shown beside the backend when given. */
  executor?: string;
}

/** Props of `PerformanceDisplay`. */
export interface PerformanceDisplayProps extends Omit<HTMLAttributes<HTMLDListElement>, 'children'>, UnstyledProp {
  /** Usually a widget's state: `usePose()`, `useFaceInfo()`... */
  stats: PerformanceStats;
  /**
   * Accessible name of the list.
   * @default 'Performance'
   */
  label?: string;
}

/**
 * A small list of inference figures: frames per second, latency of the last inference, the
 * backend and the frames dropped because inference was still busy. It updates many times a second,
 * so it is deliberately not a live region. State for CSS: `data-backend` (the backend's name, or
 * `none`) on the list, `data-stat` on each figure.
 */
export function PerformanceDisplay({ stats, label = 'Performance', unstyled, ...rest }: PerformanceDisplayProps) {
  useThemeStyle(unstyled);
  return (
    <dl aria-label={label} {...themeRoot('performance', unstyled)} data-backend={stats.backend ?? 'none'} {...rest}>
      <div data-stat="fps">
        <dt>FPS</dt>
        <dd>{stats.fps.toFixed(1)}</dd>
      </div>
      <div data-stat="latency">
        <dt>Latency</dt>
        <dd>{`${Math.round(stats.latencyMs)} ms`}</dd>
      </div>
      <div data-stat="backend">
        <dt>Backend</dt>
        <dd>{stats.backend ?? '—'}</dd>
      </div>
      {stats.executor !== undefined && (
        <div data-stat="executor">
          <dt>Executor</dt>
          <dd>{stats.executor}</dd>
        </div>
      )}
      <div data-stat="dropped">
        <dt>Dropped</dt>
        <dd>{stats.droppedFrames}</dd>
      </div>
    </dl>
  );
}
