import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import type { Decorator, Preview } from '@storybook/react-vite';
import { installFakeCamera } from '@webcam-ml/core/testing';
import { WebcamMLProvider } from '@webcam-ml/react/runtime';
import type { BackendPreference, ExecutorPreference } from '@webcam-ml/core/runtime';

/** The video a story plays as the camera when `source` is `sample` or no camera exists. */
export const SAMPLE_VIDEO = './fixtures/pose/pose_1.mp4';

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
function CameraSourceGate({ choice, children }: { choice: SourceChoice; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let uninstall: (() => void) | undefined;
    let cancelled = false;
    void (async () => {
      const useSample = choice === 'sample' || (choice === 'auto' && !(await hasCamera()));
      if (cancelled) return;
      if (useSample) uninstall = installFakeCamera({ videoUrl: SAMPLE_VIDEO }).uninstall;
      setReady(true);
    })();
    return () => {
      cancelled = true;
      uninstall?.();
      setReady(false);
    };
  }, [choice]);
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
  return (
    <CameraSourceGate key={choice} choice={choice}>
      <Story />
    </CameraSourceGate>
  );
};

const withBackend: Decorator = (Story, context) => {
  const backend = (context.globals.backend ?? 'auto') as BackendPreference;
  const executor = (context.globals.executor ?? 'main') as ExecutorPreference;
  // Each story on its own runtime (a docs page's stories do not share state through settings).
  // The weights are relative to the preview iframe, so a static build works served from any folder.
  return (
    <WebcamMLProvider backend={backend} executor={executor} modelBaseUrl="./models/">
      <Story />
    </WebcamMLProvider>
  );
};

const preview: Preview = {
  decorators: [withCameraSource, withBackend, withStrictMode],
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
  },
  // The executor starts on 'main', the library's default for now (see ARCHITECTURE.md, executor).
  initialGlobals: { source: 'auto', backend: 'auto', executor: 'main' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  tags: ['autodocs'],
};

export default preview;
