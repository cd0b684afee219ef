// Issue 16, item 4 (and issue 11, defect 1): an option removed from a hook's props goes back to its
// default, and the models only it needed are released after the release delay.
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from './mainThread';
import type { FaceEngine, FaceEngineOptions } from '@webcam-ml/core/face';
import type { ClassifierEngine } from '@webcam-ml/core/classifier';
import { useFaceInfo, useTrainableClassifier, type UseTrainableClassifierOptions } from '@webcam-ml/react';
import { liveModels, onWasmWithShortRelease } from './reliability.helpers';
import { until } from './runtime.helpers';

onWasmWithShortRelease(100);

describe('given useFaceInfo re-rendered without the options it had', () => {
  it('returns to tiny, no descriptors and expressions on, and releases the SSD and recognition nets', async () => {
    let engine: FaceEngine | null = null;
    function Faces(props: FaceEngineOptions) {
      engine = useFaceInfo({ source: null, ...props }).engine;
      return null;
    }
    const view = render(
      <StrictMode>
        <Faces detector="ssd" withDescriptors withExpressions={false} />
      </StrictMode>,
    );
    await until(() => liveModels('face-api:ssdMobilenetv1', 'face-api:faceRecognitionNet').filter((m) => m.references > 0).length === 2, 30_000, 'ssd and recognition leased');
    view.rerender(
      <StrictMode>
        <Faces />
      </StrictMode>,
    );
    expect(engine!.getOptions()).toMatchObject({ detector: 'tiny', withDescriptors: false, withExpressions: true });
    await until(() => liveModels('face-api:ssdMobilenetv1', 'face-api:faceRecognitionNet').length === 0, 10_000, 'ssd and recognition released');
    await until(() => liveModels('face-api:tinyFaceDetector', 'face-api:faceExpressionNet').filter((m) => m.references === 1).length === 2, 30_000, 'tiny and expressions leased');
    view.unmount();
  });
});

describe('given useTrainableClassifier re-rendered without threshold and k', () => {
  it('returns to 0.5 and 5', () => {
    let engine: ClassifierEngine | null = null;
    function Classifier(props: UseTrainableClassifierOptions) {
      engine = useTrainableClassifier({ features: 'pose', ...props }).engine;
      return null;
    }
    const view = render(
      <StrictMode>
        <Classifier threshold={0.9} k={3} datasetName="sticky" />
      </StrictMode>,
    );
    expect(engine!.getOptions()).toMatchObject({ threshold: 0.9, k: 3, datasetName: 'sticky' });
    view.rerender(
      <StrictMode>
        <Classifier />
      </StrictMode>,
    );
    expect(engine!.getOptions()).toMatchObject({ threshold: 0.5, k: 5, datasetName: null });
    view.unmount();
  });
});
