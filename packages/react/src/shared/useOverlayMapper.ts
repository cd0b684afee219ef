import { useMemo, type RefObject } from 'react';
import { createCoordinateMapper, type CoordinateMapper, type ObjectFit } from '@webcam-ml/core';
import { useWebcamContext } from '../webcam/WebcamContext';
import { useElementSize } from './useElementSize';

/** What an overlay is told; anything left out comes from the enclosing `<Webcam>`, if any. */
export interface OverlayPlacement {
  /** Size of the frame the results come from; the enclosing camera's video size when left out. */
  frameSize?: { width: number; height: number } | null;
  mirrored?: boolean;
  objectFit?: ObjectFit;
}

/**
 * The one way overlays (pose, face, yours) place source-pixel results on screen: measure the
 * overlay's own box and map with the same mirroring and object-fit as the video under it.
 */
export function useOverlayMapper({ frameSize: frameSizeProp, mirrored: mirroredProp, objectFit: objectFitProp }: OverlayPlacement): {
  ref: RefObject<HTMLDivElement | null>;
  /** The overlay's own size in CSS pixels. */
  display: { width: number; height: number };
  mapper: CoordinateMapper;
  mirrored: boolean;
  objectFit: ObjectFit;
} {
  const [ref, display] = useElementSize<HTMLDivElement>();
  const webcam = useWebcamContext();
  const mirrored = mirroredProp ?? webcam?.mirrored ?? false;
  const objectFit = objectFitProp ?? webcam?.objectFit ?? 'contain';
  const width = frameSizeProp?.width ?? webcam?.webcam.videoWidth ?? 0;
  const height = frameSizeProp?.height ?? webcam?.webcam.videoHeight ?? 0;
  const mapper = useMemo(
    () =>
      createCoordinateMapper({
        sourceWidth: width,
        sourceHeight: height,
        displayWidth: display.width,
        displayHeight: display.height,
        objectFit,
        mirrored,
      }),
    [width, height, display.width, display.height, objectFit, mirrored],
  );
  return { ref, display, mapper, mirrored, objectFit };
}
