import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { FrameSourceElement, Runtime } from '@webcam-ml/core/runtime';
import { useRuntime } from '../runtime/RuntimeContext';
import { useTaskState } from './useTaskState';

/** What every task engine (pose, face, classifier, ...) offers a React binding. */
export interface TaskEngineLike<Options, State, Result> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => State;
  setOptions: (options: Options) => void;
  setSource: (source: FrameSourceElement | null) => void;
  subscribeResults: (listener: (result: Result) => void) => () => void;
  dispose: () => void;
}

/** What every ML hook adds to the (selected) state: the engine and its per-frame channel. */
export interface TaskHandles<E extends { subscribeResults: unknown }> {
  /** The engine behind the hook (`estimate` on a still, `reset`, `retry`); the same object while the runtime is. */
  engine: E;
  /** Listen to every frame's result without re-rendering (a game loop, a canvas overlay). */
  subscribeResults: E['subscribeResults'];
}

const noop = () => {};

/**
 * The part every ML hook shares. The engine is created with the runtime of the nearest
 * `<WebcamMLProvider>` (the page default outside one); its constructor validates the options, so
 * a bad option throws during render. Each commit hands the options to the engine (a full
 * replace; unchanged options cost a comparison), then the source. Each result goes to `onResult`
 * without a render (read through a ref). The state is read through `select` (all of it by
 * default), so a component re-renders only when what it reads changed. On unmount the engine lets
 * go of its share of the models and frame loop; they are ref-counted, so StrictMode's remount takes
 * them back without a second download.
 */
export function useTaskEngine<Options, State extends object, Result, E extends TaskEngineLike<Options, State, Result>, T>(
  create: (options: Options, runtime: Runtime) => E,
  options: Options,
  source: FrameSourceElement | null,
  onResult: ((result: Result) => void) | undefined,
  select: (state: State) => T,
): { engine: E; selected: T } {
  const runtime = useRuntime();
  // A new runtime (another provider) is a new engine, made with this render's options; later
  // options reach it through setOptions below.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const engine = useMemo(() => create(options, runtime), [runtime]);

  useEffect(() => {
    engine.setOptions(options);
  });

  // The engine takes its models at commit, in a layout effect: useSyncExternalStore subscribes in a
  // passive effect, a task later (after a paint), and on a cold load every millisecond before the
  // first request is on the way to the first result. Ref-counted, so StrictMode's remount is free.
  useLayoutEffect(() => engine.subscribe(noop), [engine]);

  const selected = useTaskState(engine, select);

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
  return { engine, selected };
}
