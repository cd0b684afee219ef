// @webcam-ml/react: every hook and component. Tree-shakes (`sideEffects: false`): importing only
// the webcam names pulls in no TF.js. Subpath entries (`/webcam`, `/pose`, ...) hold the same names.
export * from './entries/webcam';
export * from './entries/runtime';
export * from './entries/pose';
export * from './entries/face';
export * from './entries/classifier';
