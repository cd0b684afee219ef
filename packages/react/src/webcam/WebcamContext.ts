import { createContext, useContext } from 'react';
import type { CoordinateMapper, ObjectFit } from '@webcam-ml/core';
import type { UseWebcamResult } from './useWebcam';

/** What `<Webcam>` gives the overlays rendered as its children. */
export interface WebcamContextValue {
  /** The camera: `video` to feed a model, `status`, `videoWidth`… */
  webcam: UseWebcamResult;
  /** Maps source pixels to the overlay layer (same box as the displayed video). */
  mapper: CoordinateMapper;
  objectFit: ObjectFit;
  mirrored: boolean;
  /** Size of the overlay layer in CSS pixels. */
  width: number;
  height: number;
}

export const WebcamContext = /* @__PURE__ */ createContext<WebcamContextValue | null>(null);

/** The enclosing `<Webcam>`'s camera and mapping, or null outside one (so overlays also work alone). */
export function useWebcamContext(): WebcamContextValue | null {
  return useContext(WebcamContext);
}

/** The enclosing `<Webcam>`'s coordinate mapper, or null outside one. */
export function useCoordinateMapper(): CoordinateMapper | null {
  return useContext(WebcamContext)?.mapper ?? null;
}
