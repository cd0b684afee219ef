import type { Runtime } from '../../runtime/Runtime';
import { HandsEngine } from '../../hands/HandsEngine';
import { HAND_EMBEDDING_SIZE, handEmbedding } from '../../hands/handEmbedding';
import type { Frame } from '../../runtime/contracts';
import type { ExtractContext, HandsFeatureOptions } from '../types';
import type { FeatureDescriptor } from './FeatureExtractor';
import { EngineExtractor } from './EngineExtractor';

const ID = 'hands:landmarks-21';

/** The `'hands'` features: one hand's 21 landmarks through the hands engine, as `handEmbedding`. */
export function handsFeatures(_options: HandsFeatureOptions): FeatureDescriptor {
  return { id: ID, dimension: HAND_EMBEDDING_SIZE, create: (runtime) => new HandsExtractor(runtime) };
}

class HandsExtractor extends EngineExtractor<HandsEngine> {
  readonly id = ID;
  readonly dimension = HAND_EMBEDDING_SIZE;

  constructor(runtime: Runtime) {
    // One hand, unsmoothed (examples from arbitrary frames must not be blended with the frame
    // before), no built-in gestures: the classifier only reads the landmarks.
    super(new HandsEngine({ maxHands: 1, smoothing: false, gestures: false }, runtime));
  }

  async extract(frame: Frame, _context: ExtractContext): Promise<Float32Array | null> {
    const { hands } = await this.engine.estimate(frame, frame.timestamp);
    const hand = hands[0];
    // The engine's keypoints are unmirrored with the person's handedness, and the embedding
    // describes every hand as a right hand: mirroring the classifier changes nothing here.
    return hand ? handEmbedding(hand.keypoints, hand.handedness, false) : null;
  }
}
