import { useState, type ReactNode } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { useWebcam, WebcamView } from '@webcam-ml/react/webcam';
import { PoseOverlay, usePose } from '@webcam-ml/react/pose';
import { FaceInfoOverlay, useFaceInfo } from '@webcam-ml/react/face';
import { PredictionBars, useTrainableClassifier } from '@webcam-ml/react/classifier';
import { useSegmentation } from '@webcam-ml/react/segmentation';

const TIMEOUT = { timeout: 90_000 };

/** A few fields of a hook's result, live, as name and value. */
function Readout({ label, rows }: { label: string; rows: [string, ReactNode][] }) {
  return (
    <table aria-label={label} style={{ borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums', alignSelf: 'start' }}>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" style={{ textAlign: 'left', fontWeight: 500, padding: '2px 12px 2px 0', color: 'var(--webcam-ml-fg-muted)' }}>
              <code>{name}</code>
            </th>
            <td data-field={name} style={{ padding: '2px 0' }}>
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const row = { display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' } as const;
const field = (root: HTMLElement, name: string) => root.querySelector<HTMLElement>(`[data-field="${name}"]`)!;

const meta = {
  title: 'Hooks/Live demos',
  tags: ['!autodocs'],
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** `useWebcam`: the camera (the toolbar's Source; the sample video without one) and its state. */
export const UseWebcamLive: Story = {
  name: 'useWebcam',
  render: function Demo() {
    const camera = useWebcam({ mirrored: true });
    return (
      <div style={row}>
        <video {...camera.videoProps} style={{ ...camera.videoProps.style, width: 320, borderRadius: 8, background: '#000' }} />
        <Readout
          label="useWebcam result"
          rows={[
            ['status', camera.status],
            ['error', camera.error?.code ?? 'null'],
            ['videoWidth × videoHeight', `${camera.videoWidth} × ${camera.videoHeight}`],
            ['devices', camera.devices.length],
            ['mirrored', String(camera.mirrored)],
            ['stream', camera.stream ? `${camera.stream.getVideoTracks().length} video track` : 'null'],
          ]}
        />
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(field(canvasElement, 'status')).toHaveTextContent('live'), { timeout: 20_000 });
  },
};

/** `usePose` on the camera: the skeleton, and the result's figures as they change. */
export const UsePoseLive: Story = {
  name: 'usePose',
  render: function Demo() {
    const camera = useWebcam({ mirrored: true });
    const pose = usePose({ source: camera.video });
    const first = pose.poses[0];
    return (
      <div style={row}>
        <WebcamView webcam={camera} objectFit="cover" style={{ width: 320, height: 240, borderRadius: 8 }}>
          <PoseOverlay poses={pose.poses} frameSize={pose.frameSize} />
        </WebcamView>
        <Readout
          label="usePose result"
          rows={[
            ['status', pose.status],
            ['backend', pose.backend ?? 'null'],
            ['poses.length', pose.poses.length],
            ['poses[0].score', first ? first.score?.toFixed(2) : '—'],
            ['poses[0].keypoints[0]', first ? `${first.keypoints[0].name} (${Math.round(first.keypoints[0].x)}, ${Math.round(first.keypoints[0].y)})` : '—'],
            ['frameSize', pose.frameSize ? `${pose.frameSize.width} × ${pose.frameSize.height}` : 'null'],
            ['fps', pose.fps.toFixed(1)],
            ['latencyMs', Math.round(pose.latencyMs)],
          ]}
        />
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(field(canvasElement, 'poses.length')).toHaveTextContent('1'), TIMEOUT);
    await expect(field(canvasElement, 'status')).toHaveTextContent('ready');
  },
};

/** `useFaceInfo` on a photo: one face, its estimates and its expression. */
export const UseFaceInfoLive: Story = {
  name: 'useFaceInfo',
  parameters: { cameraSource: 'none' },
  render: function Demo() {
    const [img, setImg] = useState<HTMLImageElement | null>(null);
    const info = useFaceInfo({ source: img, inputSize: 416 });
    const face = info.faces[0];
    return (
      <div style={row}>
        <div style={{ position: 'relative', width: 240 }}>
          <img ref={setImg} src="./fixtures/face/surprised.jpg" alt="A surprised person" style={{ display: 'block', width: '100%', borderRadius: 8 }} />
          <FaceInfoOverlay faces={info.faces} frameSize={info.frameSize} />
        </div>
        <Readout
          label="useFaceInfo result"
          rows={[
            ['status', info.status],
            ['faces.length', info.faces.length],
            ['faces[0].id', face?.id ?? '—'],
            ['faces[0].dominantExpression', face?.dominantExpression ?? '—'],
            ['faces[0].age', face?.age != null ? face.age.toFixed(1) : '—'],
            ['faces[0].gender', face?.gender ? `${face.gender} (${Math.round((face.genderProbability ?? 0) * 100)}%)` : '—'],
            ['faces[0].landmarks', face?.landmarks ? `${face.landmarks.length} points` : '—'],
            ['latencyMs', Math.round(info.latencyMs)],
          ]}
        />
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(field(canvasElement, 'faces.length')).toHaveTextContent('1'), TIMEOUT);
    await expect(field(canvasElement, 'faces[0].dominantExpression')).toHaveTextContent('surprised');
  },
};

/** `useTrainableClassifier` on the camera: add examples of two classes, then watch the prediction. */
export const UseTrainableClassifierLive: Story = {
  name: 'useTrainableClassifier',
  render: function Demo() {
    const camera = useWebcam();
    const clf = useTrainableClassifier({ source: camera.video, features: 'image', datasetName: null });
    const count = (name: string) => clf.classes.find((c) => c.name === name)?.count ?? 0;
    const add = (name: string) => {
      if (!clf.classes.some((c) => c.name === name)) clf.addClass(name);
      void clf.addExample(name);
    };
    return (
      <div style={row}>
        <div style={{ display: 'grid', gap: 8 }}>
          <WebcamView webcam={camera} objectFit="cover" style={{ width: 240, height: 180, borderRadius: 8 }} />
          <div style={{ display: 'flex', gap: 8 }}>
            <button type="button" onClick={() => add('A')} disabled={clf.status !== 'ready'}>
              Add an example of A
            </button>
            <button type="button" onClick={() => add('B')} disabled={clf.status !== 'ready'}>
              Add an example of B
            </button>
          </div>
          <PredictionBars prediction={clf.prediction} labels={clf.classes.map((c) => c.name)} style={{ width: 240 }} />
        </div>
        <Readout
          label="useTrainableClassifier result"
          rows={[
            ['status', clf.status],
            ['extractor.id', clf.extractor.id],
            ['classes', clf.classes.map((c) => `${c.name}: ${count(c.name)}`).join(', ') || '—'],
            ['prediction.label', clf.prediction?.label ?? 'null'],
            ['recording', clf.recording ?? 'null'],
            ['storage.status', clf.storage.status],
            ['timings.embedMs', Math.round(clf.timings.embedMs)],
          ]}
        />
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(field(canvasElement, 'status')).toHaveTextContent('ready'), { timeout: 120_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Add an example of A' }));
    await waitFor(() => expect(field(canvasElement, 'classes')).toHaveTextContent('A: 1'), { timeout: 20_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Add an example of B' }));
    await waitFor(() => expect(field(canvasElement, 'classes')).toHaveTextContent('A: 1, B: 1'), { timeout: 20_000 });
    await waitFor(() => expect(field(canvasElement, 'prediction.label')).toHaveTextContent(/^(A|B|unknown)$/), { timeout: 20_000 });
  },
};

/** `useSegmentation` on a photo: the person mask's size and how much of the frame it covers. */
export const UseSegmentationLive: Story = {
  name: 'useSegmentation',
  parameters: { cameraSource: 'none' },
  render: function Demo() {
    const [img, setImg] = useState<HTMLImageElement | null>(null);
    const seg = useSegmentation({ source: img });
    const mask = seg.mask;
    const covered = mask ? mask.data.reduce((sum, v) => sum + (v > 0.5 ? 1 : 0), 0) / mask.data.length : null;
    return (
      <div style={row}>
        <img ref={setImg} src="./fixtures/face/portrait.jpg" alt="A portrait" style={{ display: 'block', width: 200, borderRadius: 8 }} />
        <Readout
          label="useSegmentation result"
          rows={[
            ['status', seg.status],
            ['mask', mask ? `${mask.width} × ${mask.height}` : 'null'],
            ['mask covers', covered === null ? '—' : `${Math.round(covered * 100)}% of the frame`],
            ['frameSize', seg.frameSize ? `${seg.frameSize.width} × ${seg.frameSize.height}` : 'null'],
            ['latencyMs', Math.round(seg.latencyMs)],
          ]}
        />
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(field(canvasElement, 'mask')).toHaveTextContent(/^\d+ × \d+$/), TIMEOUT);
  },
};
