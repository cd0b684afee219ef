// Tests of main-thread behaviour (tf.memory() of the page, the page's modelCache and
// backendManager, engines' own code paths) pin the main thread: the page's default runtime is
// 'auto', which runs pose, face and hands in a worker wherever the browser can.
import type { ReactElement, ReactNode } from 'react';
import { render as renderOnPage, type RenderOptions } from '@testing-library/react';
import { createRuntime, getDefaultRuntime, type Runtime, type RuntimeConfig } from '@webcam-ml/core/runtime';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';

/** The page default's settings but the backend: that stays the page's (what `backendManager.use` chose). */
function settings(config: RuntimeConfig): Partial<RuntimeConfig> {
  const { backend: _backend, ...rest } = config;
  return rest;
}

/**
 * A runtime on the main thread (`executor: 'main'`) that follows the page's settings as
 * `configure()` changes them, on the page's backend manager and model cache.
 */
export const onMain: Runtime = (() => {
  const page = getDefaultRuntime();
  const runtime = createRuntime({ ...settings(page.getConfig()), executor: 'main' });
  page.subscribeConfig((next) => runtime.configure(settings(next)));
  return runtime;
})();

/** Widgets inside run on `onMain`. */
export function MainThread({ children }: { children?: ReactNode }) {
  return <WebcamMLProvider runtime={onMain}>{children}</WebcamMLProvider>;
}

/** Testing Library's `render`, with the widgets on the main thread (`rerender` keeps it). */
export function render(ui: ReactElement, options?: Omit<RenderOptions, 'wrapper'>) {
  return renderOnPage(ui, { ...options, wrapper: MainThread });
}
