import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import type { FaceInfo } from '@webcam-ml/core/face';
import { FaceInfoOverlay } from '@webcam-ml/react/face';

const face: FaceInfo = {
  id: 1,
  box: { x: 100, y: 60, width: 200, height: 150 },
  score: 0.9,
  landmarks: [{ x: 110, y: 70 }],
  age: 33.6,
  gender: 'female',
  genderProbability: 0.8,
  expressions: { neutral: 0.1, happy: 0.8, sad: 0, angry: 0, fearful: 0, disgusted: 0.1, surprised: 0 },
  dominantExpression: 'happy',
  descriptor: null,
};

/** The overlay over a 320×320 box showing a 640×480 frame. */
function renderOverlay(props: { mirrored: boolean; objectFit: 'cover' | 'contain' }) {
  const { container } = render(
    <StrictMode>
      <div style={{ position: 'relative', width: 320, height: 320 }}>
        <FaceInfoOverlay faces={[face]} frameSize={{ width: 640, height: 480 }} {...props} />
      </div>
    </StrictMode>,
  );
  const host = container.firstElementChild as HTMLElement;
  const at = (el: Element) => {
    const a = el.getBoundingClientRect();
    const b = host.getBoundingClientRect();
    return { x: a.left - b.left, y: a.top - b.top, width: a.width, height: a.height };
  };
  return {
    box: () => at(host.querySelector('[data-face="1"] rect')!),
    landmark: () => at(host.querySelector('[data-face="1"] [data-landmarks]')!),
    label: () => host.querySelector<HTMLElement>('[data-face-label="1"]')!,
  };
}

afterEach(cleanup);

describe('given a mirrored video shown with object-fit cover', () => {
  // cover: scale = max(320/640, 320/480) = 2/3, frame 426.7×320, cropped 53.3 px each side.
  const scale = 2 / 3;
  const offsetX = (320 - 640 * scale) / 2;

  it('places the box where the mirrored picture shows the face', async () => {
    const overlay = renderOverlay({ mirrored: true, objectFit: 'cover' });
    await expect.poll(() => overlay.box().width).toBeGreaterThan(0);
    const box = overlay.box();
    const left = offsetX + face.box.x * scale;
    // (an SVG element's bounding rect is its geometry, without the stroke)
    expect(box.x).toBeCloseTo(320 - left - face.box.width * scale, 0);
    expect(box.y).toBeCloseTo(face.box.y * scale, 0);
    expect(box.width).toBeCloseTo(face.box.width * scale, 0);
    expect(box.height).toBeCloseTo(face.box.height * scale, 0);
  });

  it('flips the landmarks with the picture', async () => {
    const overlay = renderOverlay({ mirrored: true, objectFit: 'cover' });
    await expect.poll(() => overlay.landmark().width).toBeGreaterThan(0);
    const dot = overlay.landmark();
    expect(dot.x + dot.width / 2).toBeCloseTo(320 - (offsetX + 110 * scale), 0);
    expect(dot.y + dot.height / 2).toBeCloseTo(70 * scale, 0);
  });

  it('keeps the label text unmirrored, from the left edge of the box or moved left just enough to fit', async () => {
    const overlay = renderOverlay({ mirrored: true, objectFit: 'cover' });
    await expect.poll(() => overlay.box().width).toBeGreaterThan(0);
    const label = overlay.label();
    expect(label.textContent).toBe('happy · about 34 · female');
    expect(label.querySelector('svg[data-expression-icon="happy"]')).not.toBeNull();
    expect(getComputedStyle(label).transform).not.toMatch(/matrix\(-1/);
    const box = overlay.box();
    const l = label.getBoundingClientRect();
    const host = label.closest('[data-webcam-ml="face-overlay"]')!.getBoundingClientRect();
    expect(l.left - host.left).toBeLessThanOrEqual(box.x + 0.5);
    expect(l.right).toBeLessThanOrEqual(host.right + 0.5);
    // Moved left only as far as needed: it starts at the box, or ends at the overlay's right edge.
    expect(Math.min(Math.abs(l.left - host.left - box.x), Math.abs(l.right - host.right))).toBeLessThan(1);
  });
});

describe('given a face at the right edge of the picture', () => {
  it('keeps its whole label inside the overlay, lined up with the box', async () => {
    const edge = { ...face, box: { x: 560, y: 100, width: 80, height: 80 } };
    const { container } = render(
      <div style={{ position: 'relative', width: 320, height: 240 }}>
        <FaceInfoOverlay faces={[edge]} frameSize={{ width: 640, height: 480 }} />
      </div>,
    );
    const host = container.firstElementChild as HTMLElement;
    const label = () => host.querySelector<HTMLElement>('[data-face-label="1"]');
    await expect.poll(() => label()?.getBoundingClientRect().width ?? 0).toBeGreaterThan(0);
    const l = label()!.getBoundingClientRect();
    const h = host.getBoundingClientRect();
    expect(l.right).toBeLessThanOrEqual(h.right + 0.5);
    expect(l.left).toBeGreaterThanOrEqual(h.left);
    expect(l.right).toBeCloseTo(h.right, 0);
    expect(l.left).toBeLessThan(h.left + 560 / 2);
    // The whole text fits: nothing is cut (the label is narrower than its room).
    expect(label()!.scrollWidth).toBeLessThanOrEqual(label()!.clientWidth);
  });
});

describe('given an unmirrored video letterboxed with object-fit contain', () => {
  it('places the box inside the letterboxed picture', async () => {
    // contain: scale = min(320/640, 320/480) = 1/2, frame 320×240, bars of 40 px above and below.
    const overlay = renderOverlay({ mirrored: false, objectFit: 'contain' });
    await expect.poll(() => overlay.box().width).toBeGreaterThan(0);
    const box = overlay.box();
    expect(box.x).toBeCloseTo(50, 0);
    expect(box.y).toBeCloseTo(40 + 30, 0);
    expect(box.width).toBeCloseTo(100, 0);
  });
});
