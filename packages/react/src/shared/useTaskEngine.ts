import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { FrameSourceElement } from '@webcam-ml/core/runtime';

/** What every task engine (pose, face, classifier) offers a React binding. */
export interface TaskEngine<State, Result> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => State;
  setSource: (source: FrameSourceElement | null) => void;
  subscribeResults: (listener: (result: Result) => void) => () => void;
  dispose: () => void;
}

/**
 * The part every ML hook shares: read the engine's state with `useSyncExternalStore`, follow the
 * source, hand each result to `onResult` without a render (read through a ref, so a new function
 * each render costs nothing) and let go of the engine on unmount. Its model and frame loop are
 * shared and ref-counted, so disposing only drops this hook's share and StrictMode's remount takes
 * it back without a second download. Call it after the hook's own `setOptions` effect, so options
 * reach the engine before the source does.
 */
export function useTaskEngine<State, Result>(
  engine: TaskEngine<State, Result>,
  source: FrameSourceElement | null,
  onResult: ((result: Result) => void) | undefined,
): State {
  const state = useSyncExternalStore(engine.subscribe, engine.getSnapshot, engine.getSnapshot);

  useEffect(() => {
    engine.setSource(source);
  }, [engine, source]);

  const onResultRef = useRef(onResult);
  useEffect(() => {
    onResultRef.current = onResult;
  });
  const wantsResults = onResult !== undefined;
  useEffect(() => {
    if (!wantsResults) return undefined;
    return engine.subscribeResults((result) => onResultRef.current?.(result));
  }, [engine, wantsResults]);

  useEffect(() => () => engine.dispose(), [engine]);
  return state;
}
