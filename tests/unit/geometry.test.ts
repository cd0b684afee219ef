import { describe, expect, it } from 'vitest';
import { createCoordinateMapper, overlayBoxStyle, type ObjectFit } from '@webcam-ml/core';

const FITS: ObjectFit[] = ['contain', 'cover', 'fill', 'none', 'scale-down'];
const SIZES: [number, number][] = [
  [640, 480],
  [480, 640],
  [576, 576],
  [1280, 720],
  [100, 50],
];
const DISPLAYS: [number, number][] = [
  [300, 300],
  [800, 450],
  [200, 600],
  [640, 480],
];
const POSITIONS = [
  { x: 0.5, y: 0.5 },
  { x: 0, y: 0 },
  { x: 1, y: 0.25 },
];

const grid = FITS.flatMap((objectFit) =>
  SIZES.flatMap(([sourceWidth, sourceHeight]) =>
    DISPLAYS.flatMap(([displayWidth, displayHeight]) =>
      [false, true].flatMap((mirrored) =>
        POSITIONS.map((objectPosition) => ({
          objectFit,
          sourceWidth,
          sourceHeight,
          displayWidth,
          displayHeight,
          mirrored,
          objectPosition,
        })),
      ),
    ),
  ),
);

describe('given a 640x480 frame shown in a 300x300 element with object-fit contain', () => {
  const m = createCoordinateMapper({
    sourceWidth: 640,
    sourceHeight: 480,
    displayWidth: 300,
    displayHeight: 300,
    objectFit: 'contain',
  });

  it('letterboxes top and bottom by 37.5 px', () => {
    expect(m.contentBox).toEqual({ x: 0, y: 37.5, width: 300, height: 225 });
  });

  it('maps the frame corners onto the letterboxed content', () => {
    expect(m.toDisplay({ x: 0, y: 0 })).toEqual({ x: 0, y: 37.5 });
    expect(m.toDisplay({ x: 640, y: 480 })).toEqual({ x: 300, y: 262.5 });
  });

  it('maps a point in the letterbox bar to outside the frame', () => {
    const p = m.toSource({ x: 150, y: 10 });
    expect(p.x).toBeCloseTo(320);
    expect(p.y).toBeLessThan(0);
  });

  it('shows the whole frame', () => {
    expect(m.visibleSourceBox).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });
});

describe('given a 640x480 frame shown in a 300x300 element with object-fit cover', () => {
  const m = createCoordinateMapper({
    sourceWidth: 640,
    sourceHeight: 480,
    displayWidth: 300,
    displayHeight: 300,
    objectFit: 'cover',
  });

  it('scales by the larger ratio and crops the sides', () => {
    expect(m.scaleX).toBe(0.625);
    expect(m.contentBox).toEqual({ x: -50, y: 0, width: 400, height: 300 });
  });

  it('maps the frame centre to the element centre', () => {
    expect(m.toDisplay({ x: 320, y: 240 })).toEqual({ x: 150, y: 150 });
  });

  it('reports the cropped source region as visible box', () => {
    expect(m.visibleSourceBox).toEqual({ x: 80, y: 0, width: 480, height: 480 });
  });

  it('says a point in the cropped-off margin is not visible', () => {
    expect(m.isVisible({ x: 40, y: 240 })).toBe(false);
    expect(m.isVisible({ x: 320, y: 240 })).toBe(true);
  });
});

describe('given a mirrored display', () => {
  const base = { sourceWidth: 300, sourceHeight: 300, displayWidth: 300, displayHeight: 300 };
  const m = createCoordinateMapper({ ...base, mirrored: true });

  it('flips x around the element centre', () => {
    expect(m.toDisplay({ x: 0, y: 10 })).toEqual({ x: 300, y: 10 });
    expect(m.toDisplay({ x: 100, y: 10 })).toEqual({ x: 200, y: 10 });
  });

  it('keeps a box top-left based, so its left edge is the mirrored right edge', () => {
    expect(m.boxToDisplay({ x: 0, y: 0, width: 100, height: 50 })).toEqual({
      x: 200,
      y: 0,
      width: 100,
      height: 50,
    });
  });

  it('maps a click on the left of the element to the right of the frame', () => {
    expect(m.toSource({ x: 10, y: 0 }).x).toBe(290);
  });
});

describe('given object-fit fill', () => {
  const m = createCoordinateMapper({
    sourceWidth: 200,
    sourceHeight: 100,
    displayWidth: 400,
    displayHeight: 400,
    objectFit: 'fill',
  });

  it('stretches each axis independently', () => {
    expect([m.scaleX, m.scaleY]).toEqual([2, 4]);
    expect(m.toDisplay({ x: 200, y: 100 })).toEqual({ x: 400, y: 400 });
  });
});

describe('given object-fit none and scale-down', () => {
  it('none keeps source pixels 1:1 and centred', () => {
    const m = createCoordinateMapper({
      sourceWidth: 100,
      sourceHeight: 100,
      displayWidth: 300,
      displayHeight: 200,
      objectFit: 'none',
    });
    expect(m.contentBox).toEqual({ x: 100, y: 50, width: 100, height: 100 });
  });

  it('scale-down never enlarges a small frame', () => {
    const m = createCoordinateMapper({
      sourceWidth: 100,
      sourceHeight: 100,
      displayWidth: 300,
      displayHeight: 200,
      objectFit: 'scale-down',
    });
    expect(m.scaleX).toBe(1);
  });

  it('scale-down shrinks a large frame like contain', () => {
    const m = createCoordinateMapper({
      sourceWidth: 1000,
      sourceHeight: 500,
      displayWidth: 300,
      displayHeight: 200,
      objectFit: 'scale-down',
    });
    expect(m.scaleX).toBe(0.3);
  });
});

describe('given object-position top-left', () => {
  it('puts the letterbox space on the right and bottom', () => {
    const m = createCoordinateMapper({
      sourceWidth: 100,
      sourceHeight: 100,
      displayWidth: 300,
      displayHeight: 200,
      objectPosition: { x: 0, y: 0 },
    });
    expect(m.contentBox).toEqual({ x: 0, y: 0, width: 200, height: 200 });
  });

  it('under mirroring puts it on the left, as the flipped element shows it', () => {
    const m = createCoordinateMapper({
      sourceWidth: 100,
      sourceHeight: 100,
      displayWidth: 300,
      displayHeight: 200,
      objectPosition: { x: 0, y: 0 },
      mirrored: true,
    });
    expect(m.contentBox).toEqual({ x: 100, y: 0, width: 200, height: 200 });
  });
});

describe('given sizes that are not known yet', () => {
  const m = createCoordinateMapper({ sourceWidth: 0, sourceHeight: 0, displayWidth: 320, displayHeight: 240 });

  it('is not ready', () => {
    expect(m.ready).toBe(false);
  });

  it('maps 1:1 instead of producing NaN or Infinity', () => {
    expect(m.toDisplay({ x: 12, y: 34 })).toEqual({ x: 12, y: 34 });
    expect(m.toSource({ x: 12, y: 34 })).toEqual({ x: 12, y: 34 });
  });

  it('stays finite with a zero-size element too', () => {
    const z = createCoordinateMapper({ sourceWidth: 640, sourceHeight: 480, displayWidth: 0, displayHeight: 0 });
    const p = z.toDisplay({ x: 1, y: 1 });
    expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });
});

describe('given an unknown object-fit', () => {
  it('throws a RangeError naming the allowed values', () => {
    expect(() =>
      createCoordinateMapper({
        sourceWidth: 1,
        sourceHeight: 1,
        displayWidth: 1,
        displayHeight: 1,
        objectFit: 'stretch' as ObjectFit,
      }),
    ).toThrow(/contain, cover, fill, none, scale-down/);
  });
});

describe('given keypoints and detections with extra fields', () => {
  const m = createCoordinateMapper({ sourceWidth: 10, sourceHeight: 10, displayWidth: 20, displayHeight: 20 });

  it('copies the extra fields of a point', () => {
    expect(m.toDisplay({ x: 1, y: 2, name: 'nose', score: 0.9 })).toEqual({ x: 2, y: 4, name: 'nose', score: 0.9 });
  });

  it('copies the extra fields of a box', () => {
    expect(m.boxToDisplay({ x: 1, y: 1, width: 2, height: 2, label: 'face' }).label).toBe('face');
  });
});

describe('overlayBoxStyle', () => {
  it('gives absolute pixel CSS for a mirrored, letterboxed box', () => {
    const m = createCoordinateMapper({
      sourceWidth: 640,
      sourceHeight: 480,
      displayWidth: 320,
      displayHeight: 320,
      mirrored: true,
    });
    expect(overlayBoxStyle(m, { x: 0, y: 0, width: 64, height: 48 })).toEqual({
      position: 'absolute',
      left: '288px',
      top: '40px',
      width: '32px',
      height: '24px',
    });
  });
});

describe.each(grid)(
  'for every fit, aspect, element size, mirroring and position: $objectFit $sourceWidth x $sourceHeight in $displayWidth x $displayHeight mirrored=$mirrored',
  (opts) => {
    const m = createCoordinateMapper(opts);
    const plain = createCoordinateMapper({ ...opts, mirrored: false });
    const samples = [
      { x: 0, y: 0 },
      { x: opts.sourceWidth, y: opts.sourceHeight },
      { x: opts.sourceWidth / 3, y: (opts.sourceHeight * 2) / 3 },
      { x: -7, y: opts.sourceHeight + 11 },
    ];

    it('toSource undoes toDisplay', () => {
      for (const p of samples) {
        const back = m.toSource(m.toDisplay(p));
        expect(back.x).toBeCloseTo(p.x, 9);
        expect(back.y).toBeCloseTo(p.y, 9);
      }
    });

    it('boxToSource undoes boxToDisplay', () => {
      const box = { x: opts.sourceWidth / 4, y: opts.sourceHeight / 5, width: 30, height: 20 };
      const back = m.boxToSource(m.boxToDisplay(box));
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(back[k]).toBeCloseTo(box[k], 9);
    });

    it('a box maps to the box spanned by its mapped corners', () => {
      const box = { x: 10, y: 20, width: 40, height: 30 };
      const d = m.boxToDisplay(box);
      const a = m.toDisplay({ x: box.x, y: box.y });
      const b = m.toDisplay({ x: box.x + box.width, y: box.y + box.height });
      expect(d.x).toBeCloseTo(Math.min(a.x, b.x), 9);
      expect(d.y).toBeCloseTo(Math.min(a.y, b.y), 9);
      expect(d.width).toBeCloseTo(Math.abs(b.x - a.x), 9);
      expect(d.height).toBeCloseTo(Math.abs(b.y - a.y), 9);
    });

    it('mirroring flips x around the element centre and leaves y alone', () => {
      for (const p of samples) {
        expect(m.toDisplay(p).x).toBeCloseTo(opts.mirrored ? opts.displayWidth - plain.toDisplay(p).x : plain.toDisplay(p).x, 9);
        expect(m.toDisplay(p).y).toBeCloseTo(plain.toDisplay(p).y, 9);
      }
    });

    it('fits the content box as CSS object-fit does', () => {
      const c = m.contentBox;
      const { displayWidth: dw, displayHeight: dh, sourceWidth: sw, sourceHeight: sh } = opts;
      const eps = 1e-9;
      if (opts.objectFit === 'fill') {
        expect(c).toEqual({ x: 0, y: 0, width: dw, height: dh });
        return;
      }
      // Aspect ratio is kept by every fit but fill.
      expect(c.width / c.height).toBeCloseTo(sw / sh, 9);
      const fitsInside = c.width <= dw + eps && c.height <= dh + eps;
      const touchesOneSide = Math.abs(c.width - dw) < eps || Math.abs(c.height - dh) < eps;
      if (opts.objectFit === 'contain') expect(fitsInside && touchesOneSide).toBe(true);
      if (opts.objectFit === 'cover') {
        expect(c.width >= dw - eps && c.height >= dh - eps && touchesOneSide).toBe(true);
      }
      if (opts.objectFit === 'none') expect([c.width, c.height]).toEqual([sw, sh]);
      if (opts.objectFit === 'scale-down') expect(c.width <= sw + eps).toBe(true);
      // object-position distributes the free space (negative under cover) by the given fraction.
      const freeX = dw - c.width;
      const left = opts.mirrored ? dw - c.x - c.width : c.x;
      expect(left).toBeCloseTo(freeX * opts.objectPosition.x, 9);
      expect(c.y).toBeCloseTo((dh - c.height) * opts.objectPosition.y, 9);
    });

    it('the visible source box maps inside the element', () => {
      const v = m.boxToDisplay(m.visibleSourceBox);
      expect(v.x).toBeGreaterThanOrEqual(-1e-9);
      expect(v.y).toBeGreaterThanOrEqual(-1e-9);
      expect(v.x + v.width).toBeLessThanOrEqual(opts.displayWidth + 1e-9);
      expect(v.y + v.height).toBeLessThanOrEqual(opts.displayHeight + 1e-9);
    });
  },
);
