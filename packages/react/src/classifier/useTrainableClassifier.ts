import { useEffect, useMemo, useState } from 'react';
import { useTaskEngine } from '../shared/useTaskEngine';
import { ClassifierEngine } from '@webcam-ml/core/classifier';
import type { ClassifierEngineOptions, ClassifierPrediction, ClassifierState } from '@webcam-ml/core/classifier';
import type { FrameSourceElement } from '@webcam-ml/core/runtime';

export interface UseTrainableClassifierOptions extends ClassifierEngineOptions {
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
  onPrediction?: (prediction: ClassifierPrediction) => void;
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
  | 'reset'
  | 'exportDataset'
  | 'importDataset'
  | 'classify'
  | 'train'
  | 'save'
>;

/** What `useTrainableClassifier` returns: the state, the actions and the engine. */
export interface UseTrainableClassifierResult extends ClassifierState, ClassifierActions {
  /** The engine behind the hook; the same object for the hook's life. */
  engine: ClassifierEngine;
}

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
  'reset',
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
export function useTrainableClassifier(options: UseTrainableClassifierOptions = {}): UseTrainableClassifierResult {
  const { source = null, onPrediction, ...rest } = options;
  const [engine] = useState(() => new ClassifierEngine(rest));
  // Every render: cheap, compares what matters (features by id, the model by URL) and picks up a
  // new custom extract function without reloading anything.
  useEffect(() => {
    engine.setOptions(rest);
  });

  // Disposing on unmount also writes a pending save.
  const state = useTaskEngine(engine, source, onPrediction);

  const actions = useMemo(
    () => Object.fromEntries(ACTIONS.map((name) => [name, (engine[name] as (...args: unknown[]) => unknown).bind(engine)])) as unknown as ClassifierActions,
    [engine],
  );
  return useMemo(() => ({ ...state, ...actions, engine }), [state, actions, engine]);
}
