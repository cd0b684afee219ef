/** A point in pixels. Extra fields (a keypoint's `name`, `score`) are carried through mapping. */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box in pixels: top-left corner, width and height. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The CSS `object-fit` values a video, image or canvas can be displayed with. */
export type ObjectFit = 'contain' | 'cover' | 'fill' | 'none' | 'scale-down';

export interface CoordinateMapperOptions {
  /** Intrinsic width of the source frame (for a video, `videoWidth`). */
  sourceWidth: number;
  /** Intrinsic height of the source frame (for a video, `videoHeight`). */
  sourceHeight: number;
  /** Width of the displayed element, in CSS pixels (its content box). */
  displayWidth: number;
  /** Height of the displayed element, in CSS pixels (its content box). */
  displayHeight: number;
  /**
   * How the frame is fitted into the element, as CSS `object-fit`.
   * @default 'contain' (what a `<video>` does when nothing is set)
   */
  objectFit?: ObjectFit;
  /**
   * The element is shown flipped left-right (`transform: scaleX(-1)`), like a mirror. The source
   * frame itself is never flipped: models see it as the camera delivered it.
   * @default false
   */
  mirrored?: boolean;
  /**
   * CSS `object-position` as fractions of the free space: `{ x: 0, y: 0 }` is top-left,
   * `{ x: 0.5, y: 0.5 }` is centred. Applies before mirroring, as in the browser.
   * @default { x: 0.5, y: 0.5 }
   */
  objectPosition?: Point;
}

/** Maps between source-frame pixels and CSS pixels of the element that displays the frame. */
export interface CoordinateMapper {
  /** The options with every default filled in. */
  readonly options: Readonly<Required<CoordinateMapperOptions>>;
  /** False while a size is still zero (video not loaded): mapping is then the identity (plus mirroring). */
  readonly ready: boolean;
  /** Display pixels per source pixel, horizontally. */
  readonly scaleX: number;
  /** Display pixels per source pixel, vertically. */
  readonly scaleY: number;
  /**
   * Where the whole source frame lands in the element, in display pixels. Larger than the element
   * under `cover` (negative `x`/`y`), inset under `contain` (the letterbox bars are outside it).
   */
  readonly contentBox: Box;
  /** The part of the source frame that is visible in the element, in source pixels. */
  readonly visibleSourceBox: Box;
  /** A source point (or keypoint) to display pixels; other fields are copied. */
  toDisplay<P extends Point>(point: P): P;
  /** A display point (for example a pointer event's offset) to source pixels; other fields are copied. */
  toSource<P extends Point>(point: P): P;
  /** A source box (or detection) to display pixels; stays top-left based under mirroring. */
  boxToDisplay<B extends Box>(box: B): B;
  /** A display box to source pixels. */
  boxToSource<B extends Box>(box: B): B;
  /** Whether a source point is shown inside the element (false for parts cropped by `cover`). */
  isVisible(point: Point): boolean;
}

const OBJECT_FITS: readonly ObjectFit[] = ['contain', 'cover', 'fill', 'none', 'scale-down'];

function fitScale(fit: ObjectFit, sw: number, sh: number, dw: number, dh: number): [number, number] {
  const contain = Math.min(dw / sw, dh / sh);
  switch (fit) {
    case 'fill':
      return [dw / sw, dh / sh];
    case 'cover': {
      const s = Math.max(dw / sw, dh / sh);
      return [s, s];
    }
    case 'none':
      return [1, 1];
    case 'scale-down': {
      const s = Math.min(contain, 1);
      return [s, s];
    }
    default:
      return [contain, contain];
  }
}

/**
 * Creates the mapping between a source frame (video, image, canvas) and the element that shows it
 * under CSS `object-fit` and mirroring. Every overlay positions itself with it, so keypoints and
 * boxes line up with what a person sees, letterboxing and cropping included.
 *
 * ```ts
 * const m = createCoordinateMapper({ sourceWidth: 640, sourceHeight: 480, displayWidth: 300,
 *   displayHeight: 300, objectFit: 'cover', mirrored: true });
 * m.toDisplay({ x: 320, y: 240 }); // { x: 150, y: 150 }
 * ```
 */
export function createCoordinateMapper(options: CoordinateMapperOptions): CoordinateMapper {
  const objectFit = options.objectFit ?? 'contain';
  if (!OBJECT_FITS.includes(objectFit)) {
    throw new RangeError(
      `objectFit must be one of ${OBJECT_FITS.join(', ')}; got ${String(objectFit)}`,
    );
  }
  const resolved = {
    sourceWidth: options.sourceWidth || 0,
    sourceHeight: options.sourceHeight || 0,
    displayWidth: options.displayWidth || 0,
    displayHeight: options.displayHeight || 0,
    objectFit,
    mirrored: options.mirrored ?? false,
    objectPosition: options.objectPosition ?? { x: 0.5, y: 0.5 },
  };
  const { displayWidth: dw, displayHeight: dh, mirrored } = resolved;
  const ready = resolved.sourceWidth > 0 && resolved.sourceHeight > 0 && dw > 0 && dh > 0;
  // Until both sizes are known, map 1:1 so callers never divide by zero.
  const sw = ready ? resolved.sourceWidth : dw || 1;
  const sh = ready ? resolved.sourceHeight : dh || 1;
  const [scaleX, scaleY] = ready ? fitScale(objectFit, sw, sh, dw, dh) : [1, 1];
  const offsetX = (dw - sw * scaleX) * resolved.objectPosition.x;
  const offsetY = (dh - sh * scaleY) * resolved.objectPosition.y;

  const xToDisplay = (x: number) => {
    const d = offsetX + x * scaleX;
    return mirrored ? dw - d : d;
  };
  const xToSource = (x: number) => ((mirrored ? dw - x : x) - offsetX) / scaleX;
  const yToDisplay = (y: number) => offsetY + y * scaleY;
  const yToSource = (y: number) => (y - offsetY) / scaleY;

  const toDisplay = <P extends Point>(p: P): P => ({ ...p, x: xToDisplay(p.x), y: yToDisplay(p.y) });
  const toSource = <P extends Point>(p: P): P => ({ ...p, x: xToSource(p.x), y: yToSource(p.y) });
  const boxToDisplay = <B extends Box>(b: B): B => {
    const width = b.width * scaleX;
    const left = offsetX + b.x * scaleX;
    return {
      ...b,
      x: mirrored ? dw - left - width : left,
      y: yToDisplay(b.y),
      width,
      height: b.height * scaleY,
    };
  };
  const boxToSource = <B extends Box>(b: B): B => {
    const width = b.width / scaleX;
    const left = (mirrored ? dw - b.x - b.width : b.x) - offsetX;
    return { ...b, x: left / scaleX, y: yToSource(b.y), width, height: b.height / scaleY };
  };

  const contentBox = boxToDisplay({ x: 0, y: 0, width: sw, height: sh });
  const vx0 = Math.max(0, -offsetX / scaleX);
  const vy0 = Math.max(0, -offsetY / scaleY);
  const vx1 = Math.min(sw, (dw - offsetX) / scaleX);
  const vy1 = Math.min(sh, (dh - offsetY) / scaleY);
  const visibleSourceBox: Box = {
    x: vx0,
    y: vy0,
    width: Math.max(0, vx1 - vx0),
    height: Math.max(0, vy1 - vy0),
  };

  return {
    options: resolved,
    ready,
    scaleX,
    scaleY,
    contentBox,
    visibleSourceBox,
    toDisplay,
    toSource,
    boxToDisplay,
    boxToSource,
    isVisible: (p) =>
      p.x >= visibleSourceBox.x &&
      p.y >= visibleSourceBox.y &&
      p.x <= visibleSourceBox.x + visibleSourceBox.width &&
      p.y <= visibleSourceBox.y + visibleSourceBox.height,
  };
}

/** Absolute-position CSS (pixel strings) for an element placed over the displayed frame. */
export interface OverlayBoxStyle {
  position: 'absolute';
  left: string;
  top: string;
  width: string;
  height: string;
}

/**
 * The CSS that places an overlay element (a label, a face box) over a source-pixel box, for a
 * container positioned over the displayed element (same size, `position: relative`).
 * `overlayBoxStyle(mapper, { x: 0, y: 0, width: sourceWidth, height: sourceHeight })` covers the
 * whole displayed frame.
 */
export function overlayBoxStyle(mapper: CoordinateMapper, box: Box): OverlayBoxStyle {
  const b = mapper.boxToDisplay(box);
  return {
    position: 'absolute',
    left: `${b.x}px`,
    top: `${b.y}px`,
    width: `${b.width}px`,
    height: `${b.height}px`,
  };
}
