import type { HTMLAttributes } from 'react';

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
export interface PerformanceDisplayProps extends Omit<HTMLAttributes<HTMLDListElement>, 'children'> {
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
 * so it is deliberately not a live region.
 */
export function PerformanceDisplay({ stats, label = 'Performance', ...rest }: PerformanceDisplayProps) {
  const item = { display: 'flex', gap: '0.25em' } as const;
  return (
    <dl aria-label={label} data-webcam-ml="performance" style={{ display: 'flex', gap: '1em', margin: 0, fontVariantNumeric: 'tabular-nums' }} {...rest}>
      <div style={item}>
        <dt>FPS</dt>
        <dd style={{ margin: 0 }}>{stats.fps.toFixed(1)}</dd>
      </div>
      <div style={item}>
        <dt>Latency</dt>
        <dd style={{ margin: 0 }}>{`${Math.round(stats.latencyMs)} ms`}</dd>
      </div>
      <div style={item}>
        <dt>Backend</dt>
        <dd style={{ margin: 0 }}>{stats.backend ?? '—'}</dd>
      </div>
      {stats.executor !== undefined && (
        <div style={item}>
          <dt>Executor</dt>
          <dd style={{ margin: 0 }}>{stats.executor}</dd>
        </div>
      )}
      <div style={item}>
        <dt>Dropped</dt>
        <dd style={{ margin: 0 }}>{stats.droppedFrames}</dd>
      </div>
    </dl>
  );
}
