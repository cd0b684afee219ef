import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import type { Decorator, Preview } from '@storybook/react-vite';
// @ts-expect-error: @storybook/react ships this entry (the docs functions it configures) without types
import { parameters as untypedReactDocs } from '@storybook/react/entry-preview-argtypes';
import { addons } from 'storybook/preview-api';
import { NAVIGATE_URL } from 'storybook/internal/core-events';
import { installFakeCamera } from '@webcam-ml/core/testing';
import { WebcamMLProvider, webcamMLThemeCss } from '@webcam-ml/react/runtime';
import type { BackendPreference, ExecutorPreference } from '@webcam-ml/core/runtime';
import { cleanArgTypes, cleanDescription } from './docsText';

/** The two docs functions of Storybook's React renderer that this preview wraps. */
const reactDocs = untypedReactDocs as {
  docs: {
    extractArgTypes: (component: unknown) => Record<string, Record<string, unknown>> | null;
    extractComponentDescription: (component: unknown, context?: unknown) => string;
  };
};

/** The video a story plays as the camera when `source` is `sample` or no camera exists. */
export const SAMPLE_VIDEO = './fixtures/pose/pose_1.mp4';
/** The face stories' sample (`parameters.sampleVideo`): a face the size a webcam shows (scripts/face-sample.sh). */
export const FACE_SAMPLE_VIDEO = './fixtures/face/portrait_pan.mp4';

type SourceChoice = 'auto' | 'sample' | 'camera';

async function hasCamera(): Promise<boolean> {
  if (!navigator.mediaDevices?.enumerateDevices) return false;
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.some((d) => d.kind === 'videoinput');
}

/**
 * Makes getUserMedia play the sample video when the toolbar says so, or when this machine has no
 * camera, so every story is live anywhere. Stories themselves use the real `<Webcam>` unchanged.
 */
function CameraSourceGate({ choice, videoUrl, children }: { choice: SourceChoice; videoUrl: string; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let uninstall: (() => void) | undefined;
    let cancelled = false;
    void (async () => {
      const useSample = choice === 'sample' || (choice === 'auto' && !(await hasCamera()));
      if (cancelled) return;
      if (useSample) uninstall = installFakeCamera({ videoUrl }).uninstall;
      setReady(true);
    })();
    return () => {
      cancelled = true;
      uninstall?.();
      setReady(false);
    };
  }, [choice, videoUrl]);
  return ready ? <>{children}</> : <p role="status">Preparing the camera source…</p>;
}

const withStrictMode: Decorator = (Story) => (
  <StrictMode>
    <Story />
  </StrictMode>
);

const withCameraSource: Decorator = (Story, context) => {
  if (context.parameters.cameraSource === 'none') return <Story />;
  const choice = (context.globals.source ?? 'auto') as SourceChoice;
  // A story (or its file) may name its own sample: `parameters: { sampleVideo: '...' }`.
  const videoUrl = (context.parameters.sampleVideo as string | undefined) ?? SAMPLE_VIDEO;
  return (
    <CameraSourceGate key={choice} choice={choice} videoUrl={videoUrl}>
      <Story />
    </CameraSourceGate>
  );
};

const withBackend: Decorator = (Story, context) => {
  const backend = (context.globals.backend ?? 'auto') as BackendPreference;
  const executor = (context.globals.executor ?? 'auto') as ExecutorPreference;
  // Each story on its own runtime (a docs page's stories do not share state through settings).
  // The weights are relative to the preview iframe, so a static build works served from any folder.
  return (
    <WebcamMLProvider backend={backend} executor={executor} modelBaseUrl="./models/">
      <Story />
    </WebcamMLProvider>
  );
};

type ThemeChoice = 'light' | 'dark' | 'system';

// The components' sheet from the start, so a story with only <Webcam> (which injects none) and
// the story frame below use the same tokens.
if (typeof document !== 'undefined' && !document.getElementById('webcam-ml-theme')) {
  const style = document.createElement('style');
  style.id = 'webcam-ml-theme';
  style.textContent = webcamMLThemeCss;
  document.head.prepend(style);
}

/**
 * The toolbar's Theme: every story on a surface with `data-theme` (none for "system", which follows
 * prefers-color-scheme), in the components' font and colours. The surface carries
 * `data-webcam-ml` so the stories' own buttons and headings get the same look as the components'.
 */
const withTheme: Decorator = (Story, context) => {
  const theme = (context.globals.theme ?? 'light') as ThemeChoice;
  return (
    <div
      data-webcam-ml="story"
      data-theme={theme === 'system' ? undefined : theme}
      style={{ background: 'var(--webcam-ml-bg)', color: 'var(--webcam-ml-fg)', padding: 16, borderRadius: 8 }}
    >
      <Story />
    </div>
  );
};

// Links in args-table descriptions (plain markdown, not MDX) to other docs pages: navigate the
// manager, as MDX links do, instead of loading the manager inside the preview frame.
if (typeof document !== 'undefined') {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="?path="]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    addons.getChannel().emit(NAVIGATE_URL, link.getAttribute('href'));
  });
}

const preview: Preview = {
  decorators: [withTheme, withCameraSource, withBackend, withStrictMode],
  globalTypes: {
    source: {
      description: 'What the camera shows: the real camera, or the sample video',
      toolbar: {
        title: 'Source',
        icon: 'video',
        items: [
          { value: 'auto', title: 'Camera if present, else sample video' },
          { value: 'sample', title: 'Sample video' },
          { value: 'camera', title: 'Real camera' },
        ],
        dynamicTitle: true,
      },
    },
    backend: {
      description: 'The TF.js backend every widget runs on',
      toolbar: {
        title: 'Backend',
        icon: 'lightning',
        items: [
          { value: 'auto', title: 'auto (fastest that works)' },
          { value: 'wasm', title: 'wasm' },
          { value: 'webgl', title: 'webgl' },
          { value: 'webgpu', title: 'webgpu' },
          { value: 'cpu', title: 'cpu' },
        ],
        dynamicTitle: true,
      },
    },
    executor: {
      description: 'Where the widgets infer: a worker of the story\'s runtime, or the main thread (`&globals=executor:worker`)',
      toolbar: {
        title: 'Executor',
        icon: 'transfer',
        items: [
          { value: 'auto', title: 'auto (worker where supported)' },
          { value: 'main', title: 'main thread' },
          { value: 'worker', title: 'worker' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Light or dark components (data-theme), or the system setting (prefers-color-scheme)',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'system', title: 'System (prefers-color-scheme)', icon: 'browser' },
        ],
        dynamicTitle: true,
      },
    },
  },
  // The executor starts on 'auto', the library's default (see ARCHITECTURE.md, executor).
  initialGlobals: { source: 'auto', backend: 'auto', theme: 'light', executor: 'auto' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    docs: {
      // Storybook's own extraction, then our JSDoc conventions made readable (./docsText.ts).
      extractArgTypes: (component: unknown) => cleanArgTypes(reactDocs.docs.extractArgTypes(component)),
      extractComponentDescription: (component: unknown, context: unknown) => {
        const text = reactDocs.docs.extractComponentDescription(component, context);
        return text ? cleanDescription(text) : text;
      },
    },
  },
  tags: ['autodocs'],
};

export default preview;
