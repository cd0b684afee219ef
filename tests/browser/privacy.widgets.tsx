import '@testing-library/jest-dom/vitest';
import { expect } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useWebcam, WebcamView } from '@webcam-ml/react/webcam';
import { PoseOverlay, usePose } from '@webcam-ml/react/pose';
import { FaceInfoOverlay, useFaceInfo } from '@webcam-ml/react/face';
import { ClassifierTrainer, PredictionBars, useTrainableClassifier } from '@webcam-ml/react/classifier';
import { until } from './runtime.helpers';

/** A dataset name of this page alone: IndexedDB is shared by every test file of the origin. */
const DATASET = `privacy-${Math.random().toString(36).slice(2)}`;

/** Every widget of the library on the (fake) camera, the way an app would compose them. */
export function Everything() {
  const webcam = useWebcam({ mirrored: true });
  const pose = usePose({ source: webcam.video });
  const face = useFaceInfo({ source: webcam.video, detector: 'ssd', withLandmarks: 'tiny', withDescriptors: true });
  const classifier = useTrainableClassifier({ source: webcam.video, features: 'image', datasetName: DATASET, thumbnailSize: 32 });
  return (
    <>
      <WebcamView webcam={webcam} style={{ width: 320, height: 320 }}>
        <PoseOverlay poses={pose.poses} frameSize={pose.frameSize} />
        <FaceInfoOverlay faces={face.faces} frameSize={face.frameSize} />
      </WebcamView>
      <output aria-label="statuses">{[webcam.status, pose.status, face.status, classifier.status].join(' ')}</output>
      <output aria-label="found">{`${pose.poses.length} ${face.faces.length}`}</output>
      <ClassifierTrainer classifier={classifier} initialClasses={['me']} />
      <PredictionBars prediction={classifier.prediction} />
    </>
  );
}

/**
 * Use every widget of `<Everything>` as a person would: wait until the camera is live and every
 * model ready with a person and a face found, then record three examples of a class.
 */
export async function exerciseEverything(): Promise<void> {
  await until(() => screen.getByLabelText('statuses').textContent === 'live ready ready ready', 120_000, 'every widget ready');
  await until(() => screen.getByLabelText('found').textContent === '1 1', 60_000, 'a person and a face');
  const add = screen.getByRole('button', { name: 'Add one example of me' });
  for (let i = 1; i <= 3; i++) {
    fireEvent.click(add);
    await waitFor(() => expect(screen.getByLabelText(i === 1 ? '1 example' : `${i} examples`)).toBeInTheDocument(), { timeout: 10_000 });
  }
}
