import { useMemo } from 'react';
import { useTaskEngine, type TaskHandles } from '../shared/useTaskEngine';
import { ClassifierEngine, resolveClassifierOptions } from '@webcam-ml/core/classifier';
import type { ClassifierEngineOptions, ClassifierResult, ClassifierState } from '@webcam-ml/core/classifier';
import type { FrameSourceElement, Runtime } from '@webcam-ml/core/runtime';

export interface UseTrainableClassifierOptions<T extends object = ClassifierState> extends ClassifierEngineOptions {
  /**
   * Where frames come from: a video (for example `useWebcam().video`), an image or a canvas.
   * Nothing is classified while it is `null`, but the features model already loads.
   * @default null
   */
  source?: FrameSourceElement | null;
  /**
   * Called with every prediction without waiting for a React render (a game loop). Read through
   * a ref, so a new function each render costs nothing.
   * @default undefined
   */
  onResult?: (result: ClassifierResult) => void;
  /**
   * @deprecated use `onResult` (the same on every hook).
   * @default undefined
   */
  onPrediction?: (result: ClassifierResult) => void;
  /**
   * The part of the state this component reads; it re-renders only when that changes (shallowly).
   * @default the whole state
   */
  select?: (state: ClassifierState) => T;
}

/** The engine's actions, bound (stable for the hook's life). */
export type ClassifierActions = Pick<
  ClassifierEngine,
  | 'addClass'
  | 'addExample'
  | 'addEmbedding'
  | 'startRecording'
  | 'stopRecording'
  | 'removeExample'
  | 'clearClass'
  | 'renameClass'
  | 'removeClass'
  | 'clearDataset'
  | 'reset'
  | 'retry'
  | 'exportDataset'
  | 'importDataset'
  | 'classify'
  | 'train'
  | 'save'
>;

/** What `useTrainableClassifier` returns: the (selected) state, the actions and the engine. */
export type UseTrainableClassifierResult<T extends object = ClassifierState> = T & ClassifierActions & TaskHandles<ClassifierEngine>;

const whole = (state: ClassifierState): ClassifierState => state;
const createEngine = (options: ClassifierEngineOptions, runtime: Runtime) => new ClassifierEngine(options, runtime);

const ACTIONS = [
  'addClass',
  'addExample',
  'addEmbedding',
  'startRecording',
  'stopRecording',
  'removeExample',
  'clearClass',
  'renameClass',
  'removeClass',
  'clearDataset',
  'reset',
  'retry',
  'exportDataset',
  'importDataset',
  'classify',
  'train',
  'save',
] as const satisfies readonly (keyof ClassifierActions)[];

/**
 * Teach the webcam your own classes, in the browser: examples are embedded (image, pose, face or
 * your features), kept as CPU arrays, saved to IndexedDB under `datasetName`, and each frame is
 * classified by k-nearest neighbours (or a dense head, or a Teachable Machine export).
 *
 * ```tsx
 * const cam = useWebcam();
 * const clf = useTrainableClassifier({ source: cam.video, features: 'image', datasetName: 'game' });
 * <button onPointerDown={() => clf.startRecording('up')} onPointerUp={clf.stopRecording}>Up</button>
 * <PredictionBars prediction={clf.prediction} />
 * ```
 */
export function useTrainableClassifier<T extends object = ClassifierState>(options: UseTrainableClassifierOptions<T> = {}): UseTrainableClassifierResult<T> {
  const { source = null, onResult, onPrediction, select, ...rest } = options;
  resolveClassifierOptions(rest);
  // Disposing on unmount also writes a pending save. The options are handed over each commit:
  // cheap (compared, not reloaded), and a new custom extract function is picked up in place.
  const { engine, selected } = useTaskEngine(createEngine, rest, source, onResult ?? onPrediction, (select ?? whole) as (state: ClassifierState) => T);
  const actions = useMemo(
    () => Object.fromEntries(ACTIONS.map((name) => [name, (engine[name] as (...args: unknown[]) => unknown).bind(engine)])) as unknown as ClassifierActions,
    [engine],
  );
  return useMemo(() => ({ ...selected, ...actions, engine, subscribeResults: engine.subscribeResults }), [selected, actions, engine]);
}
