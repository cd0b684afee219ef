import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { FaceInfoOverlay, useFaceInfo, type FaceInfoOverlayProps } from '@webcam-ml/react/face';
import { SAMPLE_FACE } from './sampleFace';

type OverlayArgs = Omit<FaceInfoOverlayProps, 'faces' | 'frameSize'>;

/** The group photo with the faces `useFaceInfo` finds, drawn by the overlay with the story's args. */
function OnThePhoto(args: OverlayArgs) {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const face = useFaceInfo({ source: img, detector: 'tiny', inputSize: 416 });
  return (
    <div style={{ position: 'relative', width: 640, maxWidth: '100%' }}>
      <img ref={setImg} src="./fixtures/face/faces.jpg" alt="Six people" style={{ display: 'block', width: '100%' }} />
      <FaceInfoOverlay {...args} faces={face.faces} frameSize={face.frameSize} />
    </div>
  );
}

const meta = {
  title: 'Components/FaceInfoOverlay',
  component: FaceInfoOverlay,
  parameters: { cameraSource: 'none' },
  args: { faces: [], frameSize: null },
} satisfies Meta<typeof FaceInfoOverlay>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Live: boxes, landmarks and labels of the six faces of a photo (the tiny detector, input 416). */
export const OnAPhoto: Story = {
  render: ({ faces: _faces, frameSize: _frameSize, ...args }) => <OnThePhoto {...args} />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-face-label]')).toHaveLength(6), { timeout: 90_000 });
  },
};

/** Faces at every edge of the frame: each label stays inside it, lined up with its box. */
export const LabelsAtTheEdges: Story = {
  args: {
    frameSize: { width: 640, height: 360 },
    faces: [
      { ...SAMPLE_FACE, id: 1, box: { x: 0, y: 0, width: 110, height: 110 } },
      { ...SAMPLE_FACE, id: 2, box: { x: 560, y: 10, width: 80, height: 90 }, dominantExpression: 'surprised' },
      { ...SAMPLE_FACE, id: 3, box: { x: 590, y: 250, width: 60, height: 70 }, dominantExpression: 'disgusted', age: 61 },
      { ...SAMPLE_FACE, id: 4, box: { x: -20, y: 240, width: 90, height: 100 }, dominantExpression: 'sad', gender: 'male' },
    ],
  },
  render: (args) => (
    <div style={{ position: 'relative', width: 480, height: 270, background: '#334155' }}>
      <FaceInfoOverlay {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const host = canvasElement.querySelector('[data-webcam-ml="face-overlay"]')!.getBoundingClientRect();
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-face-label]')).toHaveLength(4));
    for (const label of canvasElement.querySelectorAll<HTMLElement>('[data-face-label]')) {
      const r = label.getBoundingClientRect();
      await expect(r.left).toBeGreaterThanOrEqual(host.left);
      await expect(r.right).toBeLessThanOrEqual(host.right + 0.5);
      await expect(r.top).toBeGreaterThanOrEqual(host.top);
      await expect(label.scrollWidth).toBeLessThanOrEqual(label.clientWidth);
    }
  },
};
