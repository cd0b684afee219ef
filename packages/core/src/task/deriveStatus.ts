import type { BackendState, LoadProgress, ModelEntryState } from '../runtime/contracts';
import { isAbortError } from '../runtime/ModelLoadError';
import type { TaskStatus } from './types';

/** What the status is derived from. */
export interface StatusInputs {
  /** The task wants its models (enabled and someone listening, or a direct call). */
  wanted: boolean;
  /** Each model the task holds, and whether that lease has been ready before (a reload is a recovery). */
  models: readonly { entry: ModelEntryState<unknown>; wasReady: boolean }[];
  backend: Pick<BackendState, 'status' | 'error'>;
  /** The last frame's failure, until a frame succeeds or the backend changes. */
  inferenceError: Error | null;
}

/** The one status derivation of every task (pure, so it is unit-tested on its own). */
export function deriveStatus({ wanted, models, backend, inferenceError }: StatusInputs): {
  status: TaskStatus;
  error: Error | null;
  progress: LoadProgress;
} {
  let loaded = 0;
  let total = 0;
  for (const { entry } of models) {
    loaded += entry.progress.loaded;
    total += entry.progress.total;
  }
  const progress = { loaded, total };
  if (!wanted) return { status: 'idle', error: null, progress };
  const failed = models.find(({ entry }) => entry.status === 'error' && !isAbortError(entry.error));
  if (failed) return { status: 'error', error: failed.entry.error, progress };
  if (backend.status === 'error') return { status: 'error', error: backend.error, progress };
  if (backend.status === 'recovering') return { status: 'recovering', error: null, progress };
  const loading = models.filter(({ entry }) => entry.status !== 'ready' || entry.model === null);
  // A task with no model of its own (a custom classifier) still waits for the backend.
  if (models.length === 0 && backend.status !== 'ready') return { status: 'loading', error: null, progress };
  if (loading.length > 0) return { status: loading.some((m) => m.wasReady) ? 'recovering' : 'loading', error: null, progress };
  if (inferenceError) return { status: 'error', error: inferenceError, progress };
  return { status: 'ready', error: null, progress };
}
