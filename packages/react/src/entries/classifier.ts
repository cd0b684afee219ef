// @webcam-ml/react/classifier: useTrainableClassifier and the classifier components.
export { useTrainableClassifier } from '../classifier/useTrainableClassifier';
export type { ClassifierActions, UseTrainableClassifierOptions, UseTrainableClassifierResult } from '../classifier/useTrainableClassifier';
export { ClassifierTrainer } from '../classifier/ClassifierTrainer';
export type { ClassifierTrainerProps } from '../classifier/ClassifierTrainer';
export { PredictionBars } from '../classifier/PredictionBars';
export type { PredictionBarsProps, PredictionLike } from '../classifier/PredictionBars';
