import { describe, expect, it } from 'vitest';
import { isReactWarning } from '../setup/reactWarnings';

// The guards in tests/setup/browser-guards.ts fail any browser test that prints a React warning;
// these cases pin down what counts as one, so the guard can neither go blind nor flag noise.
describe('given console lines seen in a browser test run', () => {
  it.each([
    'An update to Probe inside a test was not wrapped in act(...).',
    'Each child in a list should have a unique "key" prop.',
    'Cannot update a component (`Parent`) while rendering a different component (`Child`).',
    'The result of getSnapshot should be cached to avoid an infinite loop',
    'Warning: Something React 18 said',
    'React does not recognize the `frameSize` prop on a DOM element.',
  ])('flags the React warning "%s"', (line) => {
    expect(isReactWarning(line)).toBe(true);
  });

  it.each(['No available adapters.', '[bench] 30 frames', 'Initialization of backend webgpu failed'])('lets "%s" through', (line) => {
    expect(isReactWarning(line)).toBe(false);
  });
});
