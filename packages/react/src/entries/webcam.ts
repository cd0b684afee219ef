// @webcam-ml/react/webcam: the camera hook, its component and the overlay context. No TF.js.
export { useCoordinateMapper, useWebcam, useWebcamContext, Webcam, WebcamView } from '../webcam';
export type {
  UseWebcamOptions,
  UseWebcamResult,
  WebcamContextValue,
  WebcamProps,
  WebcamVideoProps,
  WebcamViewProps,
} from '../webcam';
