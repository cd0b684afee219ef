import { describe, expect, it } from 'vitest';
import { HandsError, resolveHandsOptions } from '@webcam-ml/core/hands';

describe('given no hands options', () => {
  it('resolves every default', () => {
    expect(resolveHandsOptions()).toEqual({ maxHands: 2, model: 'full', minScore: 0.5, smoothing: true, maxFps: Infinity, enabled: true, gestures: true });
  });
});

describe('given one invalid hands option', () => {
  it.each([
    [{ maxHands: 0 }, /maxHands must be an integer from 1 to 4; got 0/],
    [{ maxHands: 1.5 }, /maxHands/],
    [{ model: 'heavy' }, /model must be 'lite' or 'full'; got "heavy"/],
    [{ minScore: 2 }, /minScore must be a number from 0 to 1/],
    [{ smoothing: 0.5 }, /smoothing must be true or false/],
    [{ maxFps: 0 }, /maxFps/],
    [{ enabled: 'yes' }, /enabled/],
    [{ gestures: 1 }, /gestures/],
  ])('%j throws a HandsError invalid-options naming the allowed values', (options, message) => {
    let caught: unknown;
    try {
      resolveHandsOptions(options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HandsError);
    expect((caught as HandsError).code).toBe('invalid-options');
    expect((caught as Error).message).toMatch(message);
  });
});
