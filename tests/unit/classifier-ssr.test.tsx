// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { ClassifierTrainer, PredictionBars, useTrainableClassifier } from '@webcam-ml/react/classifier';

function App() {
  const classifier = useTrainableClassifier({ features: 'image', datasetName: 'ssr' });
  return <ClassifierTrainer classifier={classifier} initialClasses={['up', 'down']} />;
}

describe('given a server render (no window, document or navigator)', () => {
  it('the trainer renders without touching browser globals', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <StrictMode>
        <App />
        <PredictionBars prediction={{ label: 'up', confidences: [{ label: 'up', confidence: 1 }] }} />
      </StrictMode>,
    );
    expect(html).toContain('Classifier trainer');
    expect(html).toContain('Prediction: up');
  });
});
