import { describe, expect, it } from 'vitest';
import { LABEL_HEIGHT, placeLabel } from '../../packages/react/src/shared/labelPlacement';
import { plural } from '../../packages/react/src/shared/plural';

const display = { width: 320, height: 240 };

describe('given a face box near an edge of the overlay', () => {
  it('keeps the label of a box at the right edge inside, lined up with the box', () => {
    const at = placeLabel({ x: 280, y: 100, width: 40, height: 40 }, display);
    expect(at).toEqual({ right: 0, top: 100 - LABEL_HEIGHT, maxWidth: 320 });
    expect(at.left).toBeUndefined();
  });

  it('lines a label up with the right edge of a box in the right half', () => {
    expect(placeLabel({ x: 200, y: 100, width: 60, height: 60 }, display)).toMatchObject({ right: 60, maxWidth: 260 });
  });

  it('lines a label up with the left edge of a box in the left half', () => {
    expect(placeLabel({ x: 40, y: 100, width: 60, height: 60 }, display)).toEqual({ left: 40, top: 100 - LABEL_HEIGHT, maxWidth: 280 });
  });

  it('never starts a label left of the overlay, even for a box cut by the left edge', () => {
    expect(placeLabel({ x: -30, y: 100, width: 80, height: 80 }, display)).toMatchObject({ left: 0, maxWidth: 320 });
  });

  it('never ends a label right of the overlay, even for a box cut by the right edge', () => {
    expect(placeLabel({ x: 290, y: 100, width: 80, height: 80 }, display)).toMatchObject({ right: 0, maxWidth: 320 });
  });

  it('puts the label inside the top of a box that touches the top edge', () => {
    expect(placeLabel({ x: 40, y: 5, width: 60, height: 60 }, display).top).toBe(7);
    expect(placeLabel({ x: 40, y: -20, width: 60, height: 60 }, display).top).toBe(0);
  });

  it('keeps the label above the bottom edge for a box below the frame', () => {
    expect(placeLabel({ x: 40, y: 10, width: 60, height: 400 }, { width: 320, height: 20 }).top).toBe(0);
    expect(placeLabel({ x: 40, y: 235, width: 60, height: 60 }, display).top).toBe(235 - LABEL_HEIGHT);
  });

  it('gives every label at least half the overlay width', () => {
    for (let x = -50; x <= 370; x += 10) {
      expect(placeLabel({ x, y: 50, width: 30, height: 30 }, display).maxWidth).toBeGreaterThanOrEqual(display.width / 2 - 15);
    }
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
