import { useCallback, useRef, useSyncExternalStore } from 'react';

/** What `useTaskState` reads: any engine (a `Store`). */
export interface StateSource<S> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => S;
}

/** Equal when both are the same value, or objects whose own keys hold the same values. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Subscribe to the part of an engine's state a component reads: it re-renders only when the
 * selected value changes (compared with `isEqual`, shallow by default). A status badge that reads
 * `(s) => s.status` renders when the status changes, not on every processed frame.
 *
 * ```tsx
 * const status = useTaskState(pose.engine, (s) => s.status);
 * ```
 */
export function useTaskState<S, T>(source: StateSource<S>, selector: (state: S) => T, isEqual: (a: T, b: T) => boolean = shallowEqual): T {
  const cache = useRef<{ state: S; selector: (state: S) => T; value: T } | null>(null);
  const getSelected = useCallback(() => {
    const state = source.getSnapshot();
    const last = cache.current;
    if (last && last.state === state && last.selector === selector) return last.value;
    const value = selector(state);
    // Keep the previous value when equal, so React sees no change and does not render.
    const kept = last && isEqual(last.value, value) ? last.value : value;
    cache.current = { state, selector, value: kept };
    return kept;
  }, [source, selector, isEqual]);
  return useSyncExternalStore(source.subscribe, getSelected, getSelected);
}
