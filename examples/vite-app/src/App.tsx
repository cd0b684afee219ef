import { useState } from 'react';
import {
  FaceInfoCard,
  FaceInfoOverlay,
  PoseOverlay,
  PredictionBars,
  WebcamMLProvider,
  WebcamView,
  useFaceInfo,
  usePose,
  useTrainableClassifier,
  useWebcam,
} from '@webcam-ml/react';

/** Pose, face and a trainable classifier on one camera: one stream, one frame loop, one TF.js. */
function Widgets() {
  const camera = useWebcam({ mirrored: true });
  const pose = usePose({ source: camera.video });
  const face = useFaceInfo({ source: camera.video, withExpressions: true, withAgeAndGender: true });
  const classifier = useTrainableClassifier({ source: camera.video, features: 'pose' });
  const [training, setTraining] = useState(false);

  async function trainDemo() {
    setTraining(true);
    try {
      for (const label of ['still', 'moving']) {
        for (let i = 0; i < 3; i++) {
          await classifier.addExample(label);
          await new Promise((r) => setTimeout(r, 150));
        }
      }
    } finally {
      setTraining(false);
    }
  }

  return (
    <main style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 640px) 320px', gap: 16, font: '14px system-ui' }}>
      <WebcamView webcam={camera} objectFit="cover" style={{ aspectRatio: '1', width: '100%' }}>
        <PoseOverlay poses={pose.poses} frameSize={pose.frameSize} mirrored objectFit="cover" />
        <FaceInfoOverlay faces={face.faces} frameSize={face.frameSize} mirrored objectFit="cover" />
      </WebcamView>
      <aside>
        <p>camera: {camera.status}</p>
        <p>
          pose: <span data-testid="pose-status">{pose.status}</span>, people:{' '}
          <span data-testid="pose-count">{pose.poses.length}</span>
        </p>
        <p>
          face: <span data-testid="face-status">{face.status}</span>
        </p>
        <FaceInfoCard face={face.faces[0] ?? null} />
        <p>
          classifier: <span data-testid="classifier-status">{classifier.status}</span>
        </p>
        <button type="button" onClick={trainDemo} disabled={training || classifier.status !== 'ready'}>
          Train demo classes
        </button>
        <p>
          prediction: <span data-testid="prediction">{classifier.prediction?.label ?? ''}</span>
        </p>
        {classifier.prediction && <PredictionBars prediction={classifier.prediction} />}
      </aside>
    </main>
  );
}

export function App() {
  // The weights were copied with `npx webcam-ml-models copy public/models`; this is the default.
  return (
    <WebcamMLProvider modelBaseUrl="./models/">
      <Widgets />
    </WebcamMLProvider>
  );
}
