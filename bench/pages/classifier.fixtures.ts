// Splits made from still images of the shared fixtures: train on the originals, test on altered
// copies (bench/pages/classifier.alter.ts). Used by the classifier's browser tests.
import { ALTERATIONS, ORIGINAL, alterFrame, type Alteration } from './classifier.alter';
import type { SplitItem } from './classifier.split';

/** Each class's original images train; every image under every alteration tests. */
export function imageSplit(classes: { label: string; images: HTMLImageElement[] }[], alterations: readonly Alteration[] = ALTERATIONS): { train: SplitItem[]; test: SplitItem[] } {
  const train: SplitItem[] = [];
  const test: SplitItem[] = [];
  for (const c of classes) {
    c.images.forEach((image, i) => {
      train.push({ label: c.label, frame: i, alteration: null, load: async () => image });
      alterations.forEach((alteration, a) => {
        test.push({ label: c.label, frame: i, alteration: alteration.name, load: async () => alterFrame(image, alteration, i * 31 + a) });
      });
    });
  }
  return { train, test };
}

/**
 * The case, made from one photo: class `A` is the photo slowly zooming in (`frames` steps
 * from the whole photo to 70% of it), class `B` the same frames mirrored. Frames whose index is a
 * multiple of `trainEvery` train as they are; the others are tested under every alteration (with
 * `alterations: []`, as they are: the lookup figure). Only features that see left and right can
 * tell the classes apart, so it also checks that augmentation does not flip by default.
 */
export function zoomMirrorSplit(image: HTMLImageElement, { frames = 30, trainEvery = 3, alterations = ALTERATIONS }: { frames?: number; trainEvery?: number; alterations?: readonly Alteration[] } = {}): { train: SplitItem[]; test: SplitItem[] } {
  const train: SplitItem[] = [];
  const test: SplitItem[] = [];
  for (const [label, mirror] of [['A', false], ['B', true]] as const) {
    for (let i = 0; i < frames; i++) {
      const view: Alteration = { ...ORIGINAL, crop: 1 - (0.3 * i) / (frames - 1), mirror };
      const frame = alterFrame(image, view);
      if (i % trainEvery === 0) {
        train.push({ label, frame: i, alteration: null, load: async () => frame });
        continue;
      }
      if (alterations.length === 0) test.push({ label, frame: i, alteration: null, load: async () => frame });
      alterations.forEach((alteration, a) => {
        test.push({ label, frame: i, alteration: alteration.name, load: async () => alterFrame(frame, alteration, i * 31 + a) });
      });
    }
  }
  return { train, test };
}
