export { useWebcam } from './useWebcam';
export type { UseWebcamOptions, UseWebcamResult, WebcamVideoProps } from './useWebcam';
export { Webcam, WebcamView } from './Webcam';
export type { WebcamProps, WebcamViewProps } from './Webcam';
export { useCoordinateMapper, useWebcamContext } from './WebcamContext';
export type { WebcamContextValue } from './WebcamContext';
