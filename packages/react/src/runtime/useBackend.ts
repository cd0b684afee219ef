import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { BackendName, BackendPreference, BackendState } from '@webcam-ml/core/runtime';
import { useRuntime } from './RuntimeContext';

/** Options of `useBackend`. */
export interface UseBackendOptions {
  /**
   * Count this component as a consumer of the backend, so that the selection starts even when no
   * widget has started it yet. Set `false` to observe only.
   * @default true
   */
  acquire?: boolean;
}

/** What `useBackend` returns: the backend's state and a way to switch it. */
export interface UseBackendResult extends BackendState {
  /** Switch the runtime's backend (`'auto'` to measure again); models reload on the new one. */
  use: (preference: BackendPreference) => Promise<BackendName>;
}

const serverSnapshot: BackendState = { status: 'idle', backend: null, reason: '', probes: [], generation: 0, error: null };
const getServerSnapshot = () => serverSnapshot;

/** The TF.js backend of this runtime: `status`, `backend`, `reason`, `probes`, `generation`, `error`. */
export function useBackend({ acquire = true }: UseBackendOptions = {}): UseBackendResult {
  const runtime = useRuntime();
  const { backend } = runtime;
  const state = useSyncExternalStore(backend.subscribe, backend.getSnapshot, getServerSnapshot);
  useEffect(() => {
    if (!acquire) return;
    // The rejection is part of the state (status 'error'); nothing else to do with it here.
    backend.acquire().catch(() => undefined);
    return () => backend.release();
  }, [acquire, backend]);
  // Through the runtime's settings: the one writer of the backend preference.
  const use = useCallback((preference: BackendPreference) => runtime.useBackend(preference), [runtime]);
  return { ...state, use };
}
