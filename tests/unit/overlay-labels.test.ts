import { describe, expect, it } from 'vitest';
import { LABEL_HEIGHT, labelRowStyle, labelSpacerStyle, placeLabel } from '../../packages/react/src/shared/labelPlacement';
import { plural } from '../../packages/react/src/shared/plural';

const display = { width: 320, height: 240 };

describe('given a face box near an edge of the overlay', () => {
  it('starts the label at the left edge of the box, above it', () => {
    expect(placeLabel({ x: 40, y: 100, width: 60, height: 60 }, display)).toEqual({ indent: 40, top: 100 - LABEL_HEIGHT });
  });

  it('never starts a label left of the overlay, even for a box cut by the left edge', () => {
    expect(placeLabel({ x: -30, y: 100, width: 80, height: 80 }, display).indent).toBe(0);
  });

  it('never starts a label right of the overlay, even for a box past the right edge', () => {
    expect(placeLabel({ x: 400, y: 100, width: 80, height: 80 }, display).indent).toBe(320);
  });

  it('puts the label inside the top of a box that touches the top edge', () => {
    expect(placeLabel({ x: 40, y: 5, width: 60, height: 60 }, display).top).toBe(7);
    expect(placeLabel({ x: 40, y: -20, width: 60, height: 60 }, display).top).toBe(0);
  });

  it('keeps the label above the bottom edge', () => {
    expect(placeLabel({ x: 40, y: 10, width: 60, height: 400 }, { width: 320, height: 20 }).top).toBe(0);
    expect(placeLabel({ x: 40, y: 235, width: 60, height: 60 }, display).top).toBe(235 - LABEL_HEIGHT);
  });

  it('lets the spacer before the label shrink (never the label), so the label moves left to fit', () => {
    expect(labelSpacerStyle(40)).toEqual({ flex: '0 1 40px', minWidth: 0 });
    expect(labelRowStyle(10)).toMatchObject({ position: 'absolute', left: 0, width: '100%', top: 10, display: 'flex' });
  });
});

describe('given a count to show with its noun', () => {
  it('says "1 example" for one', () => {
    expect(plural(1, 'example')).toBe('1 example');
  });

  it('says "0 examples" and "2 examples" otherwise', () => {
    expect(plural(0, 'example')).toBe('0 examples');
    expect(plural(2, 'example')).toBe('2 examples');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(3, 'person', 'people')).toBe('3 people');
  });
});
