import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { PredictionBars } from '@webcam-ml/react/classifier';
import { ExpressionMeter } from '@webcam-ml/react/face';
import { webcamMLThemeCss } from '@webcam-ml/react/runtime';

const prediction = { label: 'up', confidences: [{ label: 'up', confidence: 0.8 }, { label: 'down', confidence: 0.2 }] };

afterEach(() => {
  cleanup();
  document.getElementById('webcam-ml-theme')?.remove();
});

describe('given styled components on a page', () => {
  it('puts the stylesheet in the head once, however many components mount', () => {
    render(
      <StrictMode>
        <PredictionBars prediction={prediction} />
        <PredictionBars prediction={null} labels={['up']} />
        <ExpressionMeter face={null} />
      </StrictMode>,
    );
    const sheets = document.head.querySelectorAll('style#webcam-ml-theme');
    expect(sheets).toHaveLength(1);
    expect(sheets[0].textContent).toBe(webcamMLThemeCss);
  });

  it('marks the winner and the prediction in data attributes for outside CSS', () => {
    const { container } = render(<PredictionBars prediction={prediction} />);
    const root = container.querySelector('[data-webcam-ml="prediction-bars"]')!;
    expect(root.getAttribute('data-prediction')).toBe('up');
    expect(root.querySelector('[data-winner]')?.getAttribute('data-label')).toBe('up');
    expect(root.hasAttribute('data-unstyled')).toBe(false);
  });
});

describe('given a component asked to be unstyled', () => {
  it('injects no stylesheet and marks its root data-unstyled, keeping its content and ARIA', () => {
    const { container, getByRole } = render(<PredictionBars prediction={prediction} unstyled />);
    expect(document.getElementById('webcam-ml-theme')).toBeNull();
    expect(container.firstElementChild?.hasAttribute('data-unstyled')).toBe(true);
    expect(getByRole('meter', { name: 'up' }).getAttribute('aria-valuenow')).toBe('80');
  });
});

describe('given the stylesheet', () => {
  it('keeps every rule in the webcam-ml layer, so any rule of the page wins', () => {
    expect(webcamMLThemeCss.startsWith('@layer webcam-ml{')).toBe(true);
    expect(webcamMLThemeCss.endsWith('}')).toBe(true);
  });

  it('has dark tokens for prefers-color-scheme and for data-theme="dark"', () => {
    expect(webcamMLThemeCss).toContain('@media (prefers-color-scheme:dark){:root:not([data-theme="light"]){');
    expect(webcamMLThemeCss).toContain('[data-theme="dark"]{--webcam-ml-fg:');
  });

  it('styles nothing that carries data-unstyled', () => {
    const rules = webcamMLThemeCss.match(/:where\([^{]*\)\{/g) ?? [];
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) expect(rule).toContain(':not([data-unstyled])');
  });
});

describe('given no face', () => {
  it('ExpressionMeter shows a blank face icon and says so (no lone dot)', () => {
    const { container } = render(<ExpressionMeter face={null} />);
    expect(container.querySelector('svg[data-expression-icon="none"]')).not.toBeNull();
    expect(container.textContent).toBe('No face');
  });
});
