import type { FaceInfo } from '@webcam-ml/core/face';

/** A face as `useFaceInfo` reports it, for the stories that show a component without a model. */
export const SAMPLE_FACE: FaceInfo = {
  id: 1,
  box: { x: 100, y: 60, width: 200, height: 150 },
  score: 0.93,
  landmarks: null,
  age: 33.6,
  gender: 'female',
  genderProbability: 0.82,
  expressions: { neutral: 0.08, happy: 0.81, sad: 0.01, angry: 0.02, fearful: 0.01, disgusted: 0.04, surprised: 0.03 },
  dominantExpression: 'happy',
  descriptor: null,
};
