import { useState, useSyncExternalStore } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { FaceMatcher, type FaceEngineState, type FaceInfo } from '@webcam-ml/core/face';
import { useWebcam, WebcamView } from '@webcam-ml/react/webcam';
import { PerformanceDisplay } from '@webcam-ml/react/runtime';
import { ExpressionMeter, FaceInfoCard, FaceInfoOverlay, faceLabel, useFaceInfo, type UseFaceInfoOptions } from '@webcam-ml/react/face';
import { FACE_SAMPLE_VIDEO } from '../.storybook/preview';
import { WithModelBaseUrl } from './support/WithModelBaseUrl';
import { documents } from './support/documents';
import { UseFaceInfoOptionsTable } from './hooks/hookOptions';

const TIMEOUT = { timeout: 90_000 };

/** Model status in words, with the download progress while loading. */
function FaceStatus({ state }: { state: Pick<FaceEngineState, 'status' | 'progress' | 'error'> }) {
  const { status, progress, error } = state;
  return (
    <div role={status === 'error' ? 'alert' : 'status'} data-testid="face-status" style={{ font: '14px system-ui' }}>
      {status === 'idle' && 'Face models off'}
      {status === 'loading' && (
        <>
          Loading face models…{' '}
          <progress max={progress.total || 1} value={progress.loaded} aria-label="Face models downloaded" />
        </>
      )}
      {status === 'recovering' && 'The graphics backend was lost; reloading the models…'}
      {status === 'ready' && 'Face models ready'}
      {status === 'error' && `Face models failed: ${error?.message ?? 'unknown error'}`}
    </div>
  );
}

/** The camera (or the sample video) with faces, a card for the first face and its expression. */
function FaceDemo({ src, ...options }: UseFaceInfoOptions & { src?: string }) {
  const cam = useWebcam({ mirrored: true, src });
  const face = useFaceInfo({ ...options, source: cam.video });
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div style={{ display: 'grid', gap: 8 }}>
        <WebcamView webcam={cam} objectFit="cover" style={{ width: 480, height: 360 }}>
          <FaceInfoOverlay faces={face.faces} frameSize={face.frameSize} />
        </WebcamView>
        <FaceStatus state={face} />
        <PerformanceDisplay stats={face} />
      </div>
      <div style={{ display: 'grid', gap: 12, justifyItems: 'start' }}>
        <ExpressionMeter face={face.faces[0]} />
        <FaceInfoCard face={face.faces[0]} />
      </div>
    </div>
  );
}

async function untilFaceLabelled(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvasElement.querySelector('[data-face-label]')).not.toBeNull(), TIMEOUT);
  const label = canvasElement.querySelector<HTMLElement>('[data-face-label]')!;
  await expect(label.textContent).toMatch(/about \d+/);
  await expect(canvas.getByText('Apparent age')).toBeVisible();
  return canvas;
}

const meta = {
  title: 'Face/useFaceInfo',
  // The args are useFaceInfo's options: the table shows them with their JSDoc, and the components'
  // props in the tabs beside.
  component: documents<Parameters<typeof FaceDemo>[0]>(UseFaceInfoOptionsTable),
  render: (args) => <FaceDemo {...args} />,
  subcomponents: { FaceInfoOverlay, FaceInfoCard, ExpressionMeter },
  args: {
    // The tiny detector at 224, as for a person in front of a webcam: the sample's face spans about
    // a third of the frame (docs/face-estimates.md says which face sizes each detector finds).
    detector: 'tiny',
    inputSize: 224,
    smoothing: 0.5,
    withLandmarks: true,
    withExpressions: true,
    withAgeAndGender: true,
  },
  argTypes: {
    detector: { control: 'inline-radio', options: ['tiny', 'ssd'] },
    inputSize: { control: 'select', options: [160, 224, 320, 416, 512, 608] },
    withLandmarks: { control: 'inline-radio', options: [true, 'tiny', false] },
    smoothing: { control: { type: 'range', min: 0, max: 0.95, step: 0.05 } },
  },
  // With no camera (or Source: sample video) the camera plays a face-sized clip, not the pose clip.
  parameters: { sampleVideo: FACE_SAMPLE_VIDEO, expectedStatus: 'Face models ready' },
} satisfies Meta<typeof FaceDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The sample video (no camera needed; a zoom and pan over one person): boxes, landmarks and
 * readable labels follow the face, which keeps one id, and an age and gender that settle, for the
 * whole clip.
 */
export const SampleVideo: Story = {
  args: { src: FACE_SAMPLE_VIDEO },
  parameters: { cameraSource: 'none' },
  play: async ({ canvasElement }) => {
    await untilFaceLabelled(canvasElement);
    const video = canvasElement.querySelector('video')!;
    const ids = new Set<string>();
    const counts = new Set<number>();
    const ages: number[] = [];
    const end = performance.now() + video.duration * 1000;
    while (performance.now() < end) {
      const labels = [...canvasElement.querySelectorAll('[data-face-label]')];
      counts.add(labels.length);
      for (const label of labels) ids.add(label.getAttribute('data-face-label')!);
      const age = /about (\d+)/.exec(labels[0]?.textContent ?? '');
      if (age) ages.push(Number(age[1]));
      await sleep(100);
    }
    await expect([...counts]).toEqual([1]);
    await expect([...ids]).toHaveLength(1);
    // The age is the mean over the track: over the clip's second half it moves by a year at most.
    const late = ages.slice(ages.length / 2);
    await expect(Math.max(...late) - Math.min(...late)).toBeLessThanOrEqual(1);
  },
};

/** The real camera (the toolbar's Source; the face sample when there is no camera). */
export const Camera: Story = {
  play: async ({ canvasElement }) => {
    await untilFaceLabelled(canvasElement);
  },
};

/** A group photo: six faces, each with its box and label (the tiny detector at input size 416). */
export const GroupPhoto: Story = {
  parameters: { cameraSource: 'none' },
  render: function GroupPhotoStory(args) {
    const [img, setImg] = useState<HTMLImageElement | null>(null);
    const face = useFaceInfo({ ...args, source: img, detector: 'tiny', inputSize: 416 });
    return (
      <div style={{ display: 'grid', gap: 8 }}>
        <div style={{ position: 'relative', width: 720, maxWidth: '100%' }}>
          <img ref={setImg} src="./fixtures/face/faces.jpg" alt="Six people" style={{ display: 'block', width: '100%' }} />
          <FaceInfoOverlay faces={face.faces} frameSize={face.frameSize} />
        </div>
        <FaceStatus state={face} />
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {face.faces.map((f) => (
            <FaceInfoCard key={f.id} face={f} />
          ))}
        </div>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-face-label]')).toHaveLength(6), TIMEOUT);
    await expect(within(canvasElement).getAllByText('Apparent age')).toHaveLength(6);
  },
};

/** A still image for the state stories. */
function StillImage({ src, alt, ...options }: UseFaceInfoOptions & { src: string; alt: string }) {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const face = useFaceInfo({ ...options, source: img });
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <div style={{ position: 'relative', width: 260 }}>
        <img ref={setImg} src={src} alt={alt} style={{ display: 'block', width: '100%' }} />
        <FaceInfoOverlay faces={face.faces} frameSize={face.frameSize} />
      </div>
      <div style={{ display: 'grid', gap: 8 }}>
        <FaceStatus state={face} />
        <ExpressionMeter face={face.faces[0]} size={40} />
        <FaceInfoCard face={face.faces[0]} />
      </div>
    </div>
  );
}

/** Every state a person meets: off, loading with progress then ready, ready with no face in view. */
export const EveryState: Story = {
  parameters: { cameraSource: 'none' },
  render: function EveryStateStory() {
    return (
      <div style={{ display: 'grid', gap: 24 }}>
        <section aria-label="Off">
          <h4>Off (enabled: false)</h4>
          <StillImage src="./fixtures/face/surprised.jpg" alt="A surprised person" enabled={false} />
        </section>
        <section aria-label="Loading then ready">
          <h4>Loading, then ready</h4>
          <StillImage src="./fixtures/face/surprised.jpg" alt="A surprised person" inputSize={416} />
        </section>
        <section aria-label="No face">
          <h4>Ready, nobody in the picture</h4>
          <StillImage src="./fixtures/face/white.png" alt="A blank picture" inputSize={416} />
        </section>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const section = (name: string) => within(canvas.getByRole('region', { name }));
    await expect(section('Off').getByTestId('face-status')).toHaveTextContent('Face models off');
    await waitFor(() => expect(section('Loading then ready').getByTestId('face-status')).toHaveTextContent('Face models ready'), TIMEOUT);
    await waitFor(() => expect(section('Loading then ready').getByText('Apparent age')).toBeVisible(), TIMEOUT);
    await waitFor(() => expect(section('No face').getByTestId('face-status')).toHaveTextContent('Face models ready'), TIMEOUT);
    await expect(section('No face').getByText('No face in view')).toBeVisible();
  },
};

/** The error state: `modelBaseUrl` points where no models are served (a typed `ModelLoadError`). */
export const ModelsMissing: Story = {
  parameters: { cameraSource: 'none', expectedStatus: 'Face models failed' },
  render: () => (
    <WithModelBaseUrl url="./no-models-here/">
      <MissingModelsFace />
    </WithModelBaseUrl>
  ),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    await expect(alert).toHaveTextContent('Face models failed');
    await expect(alert).toHaveTextContent('not found');
  },
};


function MissingModelsFace() {
  const face = useFaceInfo({ withLandmarks: false, withExpressions: false, withAgeAndGender: false });
  return <FaceStatus state={face} />;
}

/** Register people from photos, recognise them in other photos, save and load the set as JSON. */
export const FaceMatching: Story = {
  parameters: { cameraSource: 'none' },
  render: function FaceMatchingStory() {
    const [matcher] = useState(() => new FaceMatcher({ distanceThreshold: 0.6 }));
    const known = useSyncExternalStore(matcher.subscribe, matcher.getSnapshot, matcher.getSnapshot);
    const [probe, setProbe] = useState<HTMLImageElement | null>(null);
    const face = useFaceInfo({ source: probe, inputSize: 416, withDescriptors: true });
    const [message, setMessage] = useState('');
    const [saved, setSaved] = useState('');
    const register = async (label: string, file: string) => {
      const img = new Image();
      img.src = `./fixtures/face/${file}`;
      await img.decode();
      try {
        await matcher.addFromImage(label, img);
        setMessage(`Registered ${label}`);
      } catch (error) {
        setMessage((error as Error).message);
      }
    };
    const label = (f: FaceInfo) => {
      const match = f.descriptor ? matcher.match(f.descriptor) : null;
      return `${match?.label ?? 'unknown'} · ${faceLabel(f)}`;
    };
    return (
      <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', font: '14px system-ui' }}>
        <div style={{ position: 'relative', width: 300 }}>
          <img ref={setProbe} src="./fixtures/face/angry_cropped.jpg" alt="A person to recognise" style={{ display: 'block', width: '100%' }} />
          <FaceInfoOverlay faces={face.faces} frameSize={face.frameSize} label={label} showLandmarks={false} />
        </div>
        <div style={{ display: 'grid', gap: 8, maxWidth: 360 }}>
          <FaceStatus state={face} />
          <button type="button" onClick={() => void register('Alex', 'angry.jpg')}>
            Register Alex (angry.jpg)
          </button>
          <button type="button" onClick={() => void register('Sam', 'surprised.jpg')}>
            Register Sam (surprised.jpg)
          </button>
          <p role="status" aria-label="Matcher">
            {message}
          </p>
          <ul aria-label="Known people">
            {known.faces.map((f) => (
              <li key={f.label}>
                {f.label} ({f.descriptors.length} {f.descriptors.length === 1 ? 'photo' : 'photos'})
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setSaved(JSON.stringify(matcher))}>
            Save as JSON
          </button>
          <label>
            Face set JSON
            <textarea value={saved} onChange={(e) => setSaved(e.target.value)} rows={3} style={{ width: '100%' }} />
          </label>
          <button
            type="button"
            onClick={() => {
              try {
                matcher.load(saved);
                const count = matcher.getSnapshot().faces.length;
                setMessage(`Loaded ${count} ${count === 1 ? 'person' : 'people'}`);
              } catch (error) {
                setMessage((error as Error).message);
              }
            }}
          >
            Load JSON
          </button>
        </div>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('[data-face-label]')?.textContent).toMatch(/^unknown/), TIMEOUT);
    await userEvent.click(canvas.getByRole('button', { name: 'Register Alex (angry.jpg)' }));
    await waitFor(() => expect(canvas.getByRole('status', { name: 'Matcher' })).toHaveTextContent('Registered Alex'), TIMEOUT);
    await userEvent.click(canvas.getByRole('button', { name: 'Save as JSON' }));
    await waitFor(() => expect(canvasElement.querySelector('[data-face-label]')?.textContent).toMatch(/^Alex/), TIMEOUT);
    await userEvent.clear(canvas.getByLabelText('Face set JSON'));
    await userEvent.type(canvas.getByLabelText('Face set JSON'), 'not json');
    await userEvent.click(canvas.getByRole('button', { name: 'Load JSON' }));
    await expect(canvas.getByRole('status', { name: 'Matcher' })).toHaveTextContent('nothing was changed');
    await expect(canvas.getByRole('list', { name: 'Known people' })).toHaveTextContent('Alex (1 photo)');
    // Ends where a person would: the saved set loaded back, Alex recognised, no error on screen.
    await userEvent.click(canvas.getByRole('button', { name: 'Save as JSON' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Load JSON' }));
    await expect(canvas.getByRole('status', { name: 'Matcher' })).toHaveTextContent('Loaded 1 person');
    await expect(canvasElement.querySelector('[data-face-label]')?.textContent).toMatch(/^Alex/);
  },
};
