import type { ClassQuality, TrainingState } from '@webcam-ml/core/classifier';

/** What the trainer says about one class: a status to style by (`data-quality`) and a sentence to act on. */
export interface QualityHint {
  status: 'empty' | 'too-few' | 'too-similar' | 'unsure' | 'ok';
  text: string;
  /** 0..1: how sure the classifier is of this class (the dense head's held-out share when trained, else leave-one-out KNN). */
  howSure: number | null;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The hint for one class from `engine.assess()` (and the dense head's held-out report when it is
 * trained): what to do first (add examples, add examples that differ from the class it is taken
 * for), then how sure the classifier is.
 */
export function qualityHint(quality: ClassQuality, training: TrainingState, recommended = 10): QualityHint {
  const heldOut = training.status === 'trained' ? training.heldOut?.perClass.find((c) => c.label === quality.name) : undefined;
  const howSure = heldOut?.accuracy ?? quality.howSure;
  const sure = howSure === null ? '' : ` How sure: ${percent(howSure)}.`;
  if (quality.count === 0) return { status: 'empty', text: 'No examples yet.', howSure: null };
  if (quality.tooSimilar && quality.confusedWith) {
    return {
      status: 'too-similar',
      text: `Often taken for "${quality.confusedWith.name}" (${percent(quality.confusedWith.share)} of its examples): add examples that show the difference, in other light and positions.${sure}`,
      howSure,
    };
  }
  if (quality.tooFew) {
    return { status: 'too-few', text: `Only ${quality.count} of ${recommended} examples: add more, in other light and positions.${sure}`, howSure };
  }
  if (howSure !== null && howSure < 0.8) return { status: 'unsure', text: `Not sure yet: add more varied examples.${sure}`, howSure };
  return { status: 'ok', text: `Enough examples.${sure}`, howSure };
}
