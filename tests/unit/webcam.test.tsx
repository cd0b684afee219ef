import '@testing-library/jest-dom/vitest';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { useCoordinateMapper, useWebcam, useWebcamContext, Webcam } from '@webcam-ml/react/webcam';
import { flush, installJsdomCamera, showFrame } from './camera.fakes';

let cam: ReturnType<typeof installJsdomCamera>;
const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  cam = installJsdomCamera([{ deviceId: 'cam-1', label: 'Front' }]);
});
afterEach(async () => {
  cleanup();
  // Let the page-wide pool release what the test held, so the next test starts clean.
  await sleep(110);
  cam.uninstall();
});

function renderWebcam(ui: ReactNode) {
  const result = render(ui, { wrapper: strict });
  const video = () => result.container.querySelector('video')!;
  const group = () => screen.getByRole('group', { name: 'Camera' });
  return { ...result, video, group };
}

async function grantAndShow(video: () => HTMLVideoElement) {
  await act(async () => {
    cam.grant();
    await flush();
  });
  act(() => showFrame(video(), 640, 480));
}

describe('given useWebcam under StrictMode', () => {
  it('calls getUserMedia exactly once', async () => {
    renderHook(() => useWebcam(), { wrapper: strict });
    await act(flush);
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('returns props that put the stream in the video', async () => {
    function View() {
      const webcam = useWebcam({ mirrored: true });
      return <video data-testid="v" {...webcam.videoProps} />;
    }
    render(<View />, { wrapper: strict });
    const stream = await act(async () => {
      const s = cam.grant();
      await flush();
      return s;
    });
    const video = screen.getByTestId('v') as HTMLVideoElement;
    expect(video.srcObject).toBe(stream);
    expect(video.style.transform).toBe('scaleX(-1)');
  });

  it('reports live with the frame size once a frame arrives', async () => {
    const { result } = renderHook(() => useWebcam(), { wrapper: strict });
    await act(async () => {
      cam.grant();
      await flush();
    });
    act(() => showFrame(result.current.video!, 320, 240));
    expect(result.current).toMatchObject({ status: 'live', videoWidth: 320, videoHeight: 240 });
  });

  it('stops every track within 100 ms of unmount', async () => {
    const { unmount } = renderHook(() => useWebcam(), { wrapper: strict });
    const stream = await act(async () => {
      const s = cam.grant();
      await flush();
      return s;
    });
    unmount();
    await sleep(100);
    expect(stream.tracks[0].readyState).toBe('ended');
  });

  it('a new callback-free re-render with equal options does not restart', async () => {
    const { rerender } = renderHook(() => useWebcam({ videoConstraints: { width: { min: 10 } } }), { wrapper: strict });
    rerender();
    rerender();
    await act(flush);
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('two hooks share one getUserMedia', async () => {
    renderHook(
      () => {
        useWebcam();
        useWebcam();
      },
      { wrapper: strict },
    );
    await act(flush);
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });
});

describe('given <Webcam> while permission is being asked', () => {
  it('says it is waiting for the camera', () => {
    renderWebcam(<Webcam />);
    expect(screen.getByRole('status')).toHaveTextContent(/Waiting for the camera/);
  });

  it('marks the container as requesting', () => {
    const { group } = renderWebcam(<Webcam />);
    expect(group().dataset.status).toBe('requesting');
  });
});

describe('given <Webcam> with a live camera', () => {
  it('announces that the camera is on', async () => {
    const { video } = renderWebcam(<Webcam />);
    await grantAndShow(video);
    expect(screen.getByRole('status')).toHaveTextContent('Camera is on');
  });

  it('mirrors the video and applies object-fit', async () => {
    const { video } = renderWebcam(<Webcam mirrored objectFit="cover" />);
    expect(video().style.transform).toBe('scaleX(-1)');
    expect(video().style.objectFit).toBe('cover');
  });

  it('shows no camera picker for a single camera', async () => {
    const { video } = renderWebcam(<Webcam />);
    await grantAndShow(video);
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});

describe('given <Webcam> with two cameras', () => {
  beforeEach(() => {
    cam.uninstall();
    cam = installJsdomCamera([
      { deviceId: 'cam-1', label: 'Front' },
      { deviceId: 'cam-2', label: 'Back' },
    ]);
  });

  it('offers a labelled camera picker', async () => {
    const { video } = renderWebcam(<Webcam />);
    await grantAndShow(video);
    await act(flush);
    const picker = screen.getByRole('combobox', { name: 'Choose camera' });
    expect([...picker.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Front', 'Back']);
  });

  it('switches camera from the picker', async () => {
    const { video } = renderWebcam(<Webcam />);
    await grantAndShow(video);
    await act(flush);
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox'), { target: { value: 'cam-2' } });
      await flush();
    });
    expect((cam.calls[1].constraints.video as MediaTrackConstraints).deviceId).toEqual({ exact: 'cam-2' });
  });
});

describe.each([
  ['NotAllowedError', 'Camera access is blocked', /address bar/],
  ['NotFoundError', 'No camera found', /Connect a camera/],
  ['NotReadableError', 'The camera is in use', /Close the app/],
  ['OverconstrainedError', "The camera can't provide these settings", /another camera/],
])('given <Webcam> and a camera failing with %s', (name, title, hint) => {
  async function fail() {
    const r = renderWebcam(<Webcam />);
    await act(async () => {
      cam.deny(name);
      await flush();
    });
    return r;
  }

  it(`shows "${title}" as an alert`, async () => {
    await fail();
    expect(screen.getByRole('alert')).toHaveTextContent(title);
  });

  it('says what to do', async () => {
    await fail();
    expect(screen.getByRole('alert')).toHaveTextContent(hint);
  });

  it('retries from the Try again button', async () => {
    await fail();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await flush();
    });
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status')).toHaveTextContent(/Waiting for the camera/);
  });
});

describe('given <Webcam autoStart={false}>', () => {
  it('offers a Start camera button that starts it', async () => {
    renderWebcam(<Webcam autoStart={false} />);
    expect(cam.md.getUserMedia).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Start camera' }));
      await flush();
    });
    expect(cam.md.getUserMedia).toHaveBeenCalledTimes(1);
  });
});

describe('given overlays as children', () => {
  it('gives them the camera and the mapper through context', async () => {
    function Overlay() {
      const ctx = useWebcamContext();
      const mapper = useCoordinateMapper();
      return (
        <span data-testid="o">
          {ctx?.webcam.status} {ctx?.mirrored ? 'mirrored' : 'plain'} {mapper === ctx?.mapper ? 'same' : 'other'}
        </span>
      );
    }
    const { video } = renderWebcam(
      <Webcam mirrored>
        <Overlay />
      </Webcam>,
    );
    await grantAndShow(video);
    expect(screen.getByTestId('o')).toHaveTextContent('live mirrored same');
  });

  it('calls a function child with the context', async () => {
    const { video } = renderWebcam(
      <Webcam>{({ webcam, mapper }) => <span data-testid="o">{`${webcam.videoWidth} ${mapper.options.sourceWidth}`}</span>}</Webcam>,
    );
    await grantAndShow(video);
    expect(screen.getByTestId('o')).toHaveTextContent('640 640');
  });

  it('outside <Webcam> the hooks return null', () => {
    const { result } = renderHook(() => [useWebcamContext(), useCoordinateMapper()]);
    expect(result.current).toEqual([null, null]);
  });
});
