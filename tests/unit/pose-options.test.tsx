import { StrictMode, Component, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { PoseEngine, PoseOptionsError, resolvePoseOptions } from '@webcam-ml/core/pose';
// Internal (pose-detection is bundled into the build, so its types stay out of the public API).
import { poseModelSpec } from '../../packages/core/src/pose/poseModels';
import { configure, getConfig, resolveModelUrl } from '@webcam-ml/core/runtime';
import { PoseView, usePose } from '@webcam-ml/react/pose';

describe('given no options', () => {
  it('uses MoveNet Lightning, one pose, score 0.25, model smoothing, no fps cap, enabled', () => {
    expect(resolvePoseOptions()).toEqual({
      model: 'lightning',
      maxPoses: 1,
      minScore: 0.25,
      smoothing: true,
      maxFps: Number.POSITIVE_INFINITY,
      enabled: true,
    });
  });

  it('allows six poses with the multipose model', () => {
    expect(resolvePoseOptions({ model: 'multipose' }).maxPoses).toBe(6);
  });
});

describe('given an invalid option', () => {
  it.each([
    [{ model: 'posenet' }, /model must be one of 'lightning', 'thunder', 'multipose', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy'; got "posenet"/],
    [{ maxPoses: 3 }, /maxPoses must be 1 with model 'lightning' \(use model 'multipose' for up to 6 people\); got 3/],
    [{ model: 'multipose', maxPoses: 7 }, /maxPoses must be an integer from 1 to 6/],
    [{ minScore: 1.5 }, /minScore must be a number from 0 to 1; got 1.5/],
    [{ smoothing: 1 }, /smoothing must be true, false or a number/],
    [{ maxFps: 0 }, /maxFps must be a number > 0/],
  ])('%j throws a PoseOptionsError naming the allowed values', (options, message) => {
    expect(() => resolvePoseOptions(options as never)).toThrow(PoseOptionsError);
    expect(() => resolvePoseOptions(options as never)).toThrow(message);
  });

  it('leaves the engine options unchanged when setOptions rejects', () => {
    const engine = new PoseEngine({ minScore: 0.4 });
    expect(() => engine.setOptions({ minScore: -1 })).toThrow(PoseOptionsError);
    expect(engine.getOptions().minScore).toBe(0.4);
  });

  it('resets maxPoses to the new model default when only the model changes', () => {
    const engine = new PoseEngine({ model: 'multipose' });
    engine.setOptions({ model: 'thunder' });
    expect(engine.getOptions()).toMatchObject({ model: 'thunder', maxPoses: 1 });
  });

  it('reaches the error boundary from usePose during render', () => {
    class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
      override state = { error: null as Error | null };
      static getDerivedStateFromError(error: Error) {
        return { error };
      }
      override render() {
        return this.state.error ? <p>{this.state.error.name}</p> : this.props.children;
      }
    }
    function Bad() {
      usePose({ model: 'nope' as never });
      return null;
    }
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <StrictMode>
        <Boundary>
          <Bad />
        </Boundary>
      </StrictMode>,
    );
    quiet.mockRestore();
    expect(screen.getByText('PoseOptionsError')).toBeTruthy();
  });
});

describe('given a modelBaseUrl', () => {
  it('loads and keys each model by its files under that URL', () => {
    const previous = getConfig().modelBaseUrl;
    configure({ modelBaseUrl: 'https://cdn.example/m/' });
    try {
      expect(poseModelSpec('blazepose-lite', resolveModelUrl).key).toBe(
        'pose:blazepose-lite:https://cdn.example/m/pose/blazepose-detector.json,https://cdn.example/m/pose/blazepose-lite.json',
      );
    } finally {
      configure({ modelBaseUrl: previous });
    }
  });
});

describe('given server rendering', () => {
  it('renders PoseView to a string without touching the browser', () => {
    const html = renderToString(<PoseView src="/fixtures/pose/pose_1.mp4" />);
    expect(html).toContain('data-webcam-ml="pose-view"');
    expect(html).toContain('Starting pose tracking…');
  });
});
