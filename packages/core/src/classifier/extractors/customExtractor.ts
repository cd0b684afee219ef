import type { Frame } from '../../runtime/contracts';
import { ClassifierError } from '../ClassifierError';
import type { CustomFeatureOptions, ExtractContext } from '../types';
import { READY, type FeatureDescriptor, type FeatureExtractor } from './FeatureExtractor';

/** A user's extractor function. Its size is learnt from its first embedding and must never change. */
export function customFeatures(options: CustomFeatureOptions): FeatureDescriptor {
  if (typeof options.extract !== 'function') throw new TypeError('features.extract must be a function (frame) => Float32Array');
  if (typeof options.id !== 'string' || options.id === '') throw new TypeError('features.id must be a non-empty string');
  return { id: options.id, dimension: null, create: () => new CustomExtractor(options) };
}

class CustomExtractor implements FeatureExtractor {
  readonly id: string;
  dimension: number | null = null;

  constructor(private options: CustomFeatureOptions) {
    this.id = options.id;
  }

  subscribe(): () => void {
    return () => {};
  }

  getSnapshot() {
    return READY;
  }

  async ready(): Promise<void> {}

  async extract(frame: Frame, context: ExtractContext): Promise<Float32Array | null> {
    const out = await this.options.extract(frame, context);
    if (out === null) return null;
    if (!(out instanceof Float32Array)) {
      throw new ClassifierError('extractor', `The custom extractor "${this.id}" must return a Float32Array or null.`);
    }
    if (this.dimension === null) this.dimension = out.length;
    else if (out.length !== this.dimension) {
      throw new ClassifierError('extractor', `The custom extractor "${this.id}" returned ${out.length} numbers after ${this.dimension} before; its size must not change.`);
    }
    return out;
  }

  release(): void {}
}
