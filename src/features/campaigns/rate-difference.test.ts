import { describe, expect, it } from 'vitest';
import { churnUplift, rateDifference, wilsonInterval } from './rate-difference';

describe('wilsonInterval', () => {
  it("matches Newcombe's (1998) worked values", () => {
    // 81/263: 0.2553 to 0.3662 (Newcombe 1998, Table I).
    const i = wilsonInterval({ events: 81, trials: 263 });
    expect(i.low).toBeCloseTo(0.2553, 4);
    expect(i.high).toBeCloseTo(0.3662, 4);
    // 0/10: 0 to 0.2775.
    expect(wilsonInterval({ events: 0, trials: 10 }).high).toBeCloseTo(0.2775, 4);
  });
});

describe('rateDifference', () => {
  it("reproduces Newcombe's method 10 example: 56/70 − 48/80 = 0.2000, 95% CI 0.0524 to 0.3339", () => {
    const d = rateDifference({ events: 56, trials: 70 }, { events: 48, trials: 80 });
    expect(d.difference).toBeCloseTo(0.2, 10);
    expect(d.interval.low).toBeCloseTo(0.0524, 4);
    expect(d.interval.high).toBeCloseTo(0.3339, 4);
  });
});

describe('churnUplift', () => {
  it('says "not enough data yet" below the minimum sample in either group', () => {
    const result = churnUplift({ events: 2, trials: 40 }, { events: 9, trials: 400 }, 50);
    expect(result.enoughData).toBe(false);
  });

  it('reports holdout churn minus treated churn with an interval that excludes 0 for a clear effect', () => {
    const result = churnUplift({ events: 30, trials: 1_000 }, { events: 25, trials: 250 }, 50);
    if (!result.enoughData) throw new Error('expected enough data');
    expect(result.difference).toBeCloseTo(0.1 - 0.03, 10);
    expect(result.interval.low).toBeGreaterThan(0);
    expect(result.interval.high).toBeLessThan(0.2);
  });
});
