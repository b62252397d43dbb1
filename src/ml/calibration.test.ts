import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt } from './calibration';
import { expectedCalibrationError } from './metrics';
import { createRandom } from './random';

describe('fitPlatt', () => {
  it('does make probabilities reliable when raw scores are over-confident and skewed', () => {
    const random = createRandom(3);
    const raw: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const trueLogit = -2 + 1.5 * (random() * 4 - 2);
      labels.push(random() < 1 / (1 + Math.exp(-trueLogit)) ? 1 : 0);
      raw.push(3 * trueLogit + 2); // three times too sharp, shifted towards churn
    }
    const before = expectedCalibrationError(
      raw.map((z) => 1 / (1 + Math.exp(-z))),
      labels,
    );
    const scaling = fitPlatt(raw, labels);
    const after = expectedCalibrationError(
      raw.map((z) => applyPlatt(scaling, z)),
      labels,
    );
    expect(before).toBeGreaterThan(0.1);
    expect(after).toBeLessThan(0.02);
    expect(scaling.a).toBeCloseTo(1 / 3, 1);
  });
});
