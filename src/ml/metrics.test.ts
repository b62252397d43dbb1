import { describe, expect, it } from 'vitest';
import { calibrationTable, liftAtTopDecile, prAuc, rocAuc } from './metrics';

describe('rocAuc', () => {
  it('does count every positive-over-negative pair when scores have no ties', () => {
    // pairs (pos, neg): (0.9 > 0.8), (0.9 > 0.3), (0.4 < 0.8), (0.4 > 0.3) → 3 of 4
    expect(rocAuc([0.9, 0.8, 0.4, 0.3], [1, 0, 1, 0])).toBeCloseTo(0.75, 12);
  });

  it('does count a tied positive-negative pair as one half when scores tie', () => {
    // pos {0.5, 0.7}, neg {0.5, 0.2}: (0.5 = 0.5) ½, (0.5 > 0.2) 1, (0.7 > 0.5) 1, (0.7 > 0.2) 1 → 3.5 / 4
    expect(rocAuc([0.5, 0.7, 0.5, 0.2], [1, 1, 0, 0])).toBeCloseTo(0.875, 12);
    expect(rocAuc([1, 1, 1, 1], [1, 0, 1, 0])).toBeCloseTo(0.5, 12);
  });

  it('does throw when all labels are one class', () => {
    expect(() => rocAuc([0.1, 0.2], [1, 1])).toThrow(/both classes/);
    expect(() => prAuc([0.1, 0.2], [0, 0])).toThrow(/both classes/);
  });
});

describe('prAuc', () => {
  it('does average the precision at each positive when scores have no ties', () => {
    // ranked labels 1,0,1,0: precision at the positives 1/1 and 2/3 → (1 + 2/3) / 2
    expect(prAuc([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0])).toBeCloseTo((1 + 2 / 3) / 2, 12);
  });

  it('does treat tied scores as one threshold when scores tie', () => {
    // one threshold holding everything: recall 1, precision 2/4
    expect(prAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBeCloseTo(0.5, 12);
  });
});

describe('liftAtTopDecile', () => {
  it('does divide the top-10% churn rate by the base rate', () => {
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i);
    const labels = Array.from({ length: 20 }, (_, i) => (i === 0 || i === 5 || i === 10 || i === 15 ? 1 : 0));
    // top 2 rows hold 1 churner: 0.5 / (4 / 20) = 2.5
    expect(liftAtTopDecile(scores, labels)).toBeCloseTo(2.5, 12);
  });
});

describe('calibrationTable', () => {
  it('does put each probability in its equal-width bin with mean prediction and observed rate', () => {
    const table = calibrationTable([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1], 10);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ from: 0, to: 0.1, n: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(table[1]?.n).toBe(2);
    expect(table[1]?.meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1]?.observedRate).toBeCloseTo(0.5, 12);
    expect(table[9]).toMatchObject({ n: 2, observedRate: 1 });
    expect(table[5]?.n).toBe(0);
    expect(table[5]?.meanPredicted).toBeNaN();
  });
});
