import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { backendManager, type BackendName, type BackendPreference, type BackendState } from '@webcam-ml/core/runtime';

/** Options of `useBackend`. */
export interface UseBackendOptions {
  /**
   * Count this component as a consumer of the backend, so that the selection starts even when no
   * widget has started it yet. Set `false` to observe only.
   * @default true
   */
  acquire?: boolean;
}

/** What `useBackend` returns: the shared backend's state and a way to switch it. */
export interface UseBackendResult extends BackendState {
  /** Switch the page's backend (`'auto'` to measure again); models reload on the new one. */
  use: (preference: BackendPreference) => Promise<BackendName>;
}

const serverSnapshot: BackendState = { status: 'idle', backend: null, reason: '', probes: [], generation: 0, error: null };
const getServerSnapshot = () => serverSnapshot;

/** The page's TF.js backend: `status`, `backend`, `reason`, `probes`, `generation`, `error`. */
export function useBackend({ acquire = true }: UseBackendOptions = {}): UseBackendResult {
  const state = useSyncExternalStore(backendManager.subscribe, backendManager.getSnapshot, getServerSnapshot);
  useEffect(() => {
    if (!acquire) return;
    // The rejection is part of the state (status 'error'); nothing else to do with it here.
    backendManager.acquire().catch(() => undefined);
    return () => backendManager.release();
  }, [acquire]);
  const use = useCallback((preference: BackendPreference) => backendManager.use(preference), []);
  return { ...state, use };
}
