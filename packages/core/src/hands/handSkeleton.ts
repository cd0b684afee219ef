import type { HandKeypointName } from './types';

/** The parts of a hand an overlay colours apart. */
export type HandPart = 'thumb' | 'index' | 'middle' | 'ring' | 'pinky' | 'palm';

/** Every bone between two of the 21 landmarks (by index), with the part it belongs to. */
export const HAND_SKELETON: readonly { from: number; to: number; part: HandPart }[] = [
  ...(
    [
      ['thumb', [0, 1, 2, 3, 4]],
      ['index', [5, 6, 7, 8]],
      ['middle', [9, 10, 11, 12]],
      ['ring', [13, 14, 15, 16]],
      ['pinky', [17, 18, 19, 20]],
      ['palm', [0, 5, 9, 13, 17, 0]],
    ] as const
  ).flatMap(([part, chain]) => chain.slice(1).map((to, i) => ({ from: chain[i], to, part }))),
];

/** The part a landmark belongs to (the wrist and the knuckles are the palm's). */
export function handPartOf(name: HandKeypointName): HandPart {
  if (name === 'wrist' || name.endsWith('_mcp') && !name.startsWith('thumb')) return 'palm';
  if (name.startsWith('thumb')) return 'thumb';
  if (name.startsWith('index')) return 'index';
  if (name.startsWith('middle')) return 'middle';
  if (name.startsWith('ring')) return 'ring';
  return 'pinky';
}
