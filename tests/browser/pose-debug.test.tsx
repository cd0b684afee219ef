import { StrictMode, useState } from 'react';
import { it, expect } from 'vitest';
import { render } from '@testing-library/react';
import { PoseOverlay, usePose } from '@webcam-ml/react/pose';

function StillImage({ src }: { src: string }) {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const pose = usePose({ source: img });
  return (
    <div>
      <div style={{ position: 'relative', width: 200 }}>
        <img ref={setImg} src={src} alt="x" style={{ display: 'block', width: '100%' }} />
        <PoseOverlay poses={pose.poses} frameSize={pose.frameSize} />
      </div>
      <p data-testid="s">{pose.status} {pose.poses.length} {String(pose.error)}</p>
    </div>
  );
}

it('debug', async () => {
  const { getByTestId } = render(<StrictMode><StillImage src="/fixtures/pose/pose.jpg" /></StrictMode>);
  const seen = new Set<string>();
  for (let i = 0; i < 100; i++) { seen.add(getByTestId('s').textContent!); await new Promise((r) => setTimeout(r, 100)); }
  console.log('[dbg]', [...seen].join(' | '));
  expect(1).toBe(1);
});
