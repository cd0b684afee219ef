export { createCoordinateMapper, overlayBoxStyle } from './createCoordinateMapper';
export type {
  Box,
  CoordinateMapper,
  CoordinateMapperOptions,
  ObjectFit,
  OverlayBoxStyle,
  Point,
} from './createCoordinateMapper';
