// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { StrictMode } from 'react';

describe('given Node with no DOM (server rendering)', () => {
  it('has no window or navigator to touch', () => {
    expect([typeof window, typeof document]).toEqual(['undefined', 'undefined']);
  });

  it('imports the camera, geometry and testing entries without touching the browser', async () => {
    const core = await import('@webcam-ml/core');
    const testing = await import('@webcam-ml/core/testing');
    expect([typeof core.CameraSource, typeof testing.installFakeCamera]).toEqual(['function', 'function']);
  });

  it('renders <Webcam> to a string, waiting for the camera', async () => {
    const { Webcam } = await import('@webcam-ml/react/webcam');
    const html = renderToString(
      <StrictMode>
        <Webcam mirrored objectFit="cover" />
      </StrictMode>,
    );
    expect(html).toContain('data-status="idle"');
    expect(html).toContain('<video');
    expect(html).toContain('scaleX(-1)');
    expect(html).toContain('Waiting for the camera');
  });

  it('renders <Webcam autoStart={false}> with a Start camera button', async () => {
    const { Webcam } = await import('@webcam-ml/react/webcam');
    expect(renderToString(<Webcam autoStart={false} />)).toContain('Start camera');
  });

  it('constructs a CameraSource without starting anything', async () => {
    const { CameraSource } = await import('@webcam-ml/core');
    expect(new CameraSource().getSnapshot().status).toBe('idle');
  });
});
