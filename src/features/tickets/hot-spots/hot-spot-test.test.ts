import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binomialUpperTailLog,
  HOT_SPOT_METHODS,
  logGamma,
  poissonUpperTail,
  poissonUpperTailLog,
  testHotSpot,
} from './hot-spot-test';

/** 1 − Σ_{j<k} e^{−λ} λ^j / j!, summed naively: fine for the small k and λ it is used with. */
function naiveUpperTail(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let lower = 0;
  for (let j = 0; j < k; j += 1) {
    lower += term;
    term *= lambda / (j + 1);
  }
  return 1 - lower;
}

/** Σ_{j≥k} C(n, j) p^j (1−p)^{n−j}, summed naively for small n. */
function naiveBinomialUpperTail(k: number, n: number, p: number): number {
  let total = 0;
  for (let j = k; j <= n; j += 1) {
    let choose = 1;
    for (let i = 1; i <= j; i += 1) choose = (choose * (n - j + i)) / i;
    total += choose * p ** j * (1 - p) ** (n - j);
  }
  return total;
}

describe('logGamma', () => {
  it('gives ln((n−1)!) at integers', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 12);
    // ln(1000!), as given by CPython's math.lgamma(1001).
    expect(logGamma(1001)).toBeCloseTo(5912.128178488163, 8);
  });
});

describe('poissonUpperTail', () => {
  it('matches published tail values', () => {
    expect(poissonUpperTail(5, 1)).toBeCloseTo(0.00366, 5);
    expect(poissonUpperTail(10, 5)).toBeCloseTo(0.03183, 5);
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 14);
  });

  it('is 1 at zero and agrees with a naive sum on both sides of the mean', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    for (const [k, lambda] of [
      [2, 7.5],
      [7, 7.5],
      [8, 7.5],
      [20, 7.5],
      [3, 0.2],
      [40, 30],
    ] as const) {
      expect(poissonUpperTail(k, lambda), `k=${k} λ=${lambda}`).toBeCloseTo(naiveUpperTail(k, lambda), 12);
    }
  });

  it('keeps a finite log p-value where the p-value itself underflows', () => {
    // P(X ≥ 1000 | λ = 1) = e^{−1} / 1000! · (1 + 1/1001 + 1/(1001·1002) + …).
    const logP = poissonUpperTailLog(1000, 1);
    expect(poissonUpperTail(1000, 1)).toBe(0);
    expect(logP).toBeCloseTo(-1 - 5912.128178488163 + Math.log1p(1 / 1001 + 1 / (1001 * 1002)), 7);
  });

  it('rejects negative or fractional counts and a non-positive mean', () => {
    expect(() => poissonUpperTail(-1, 1)).toThrow(RangeError);
    expect(() => poissonUpperTail(1.5, 1)).toThrow(RangeError);
    expect(() => poissonUpperTail(1, 0)).toThrow(RangeError);
  });

  it('never rises as the observed count grows', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 500, noNaN: true }), fc.nat({ max: 2000 }), (lambda, k) => {
        const here = poissonUpperTailLog(k, lambda);
        const next = poissonUpperTailLog(k + 1, lambda);
        expect(next).toBeLessThanOrEqual(here + 1e-12);
      }),
    );
  });
});

describe('binomialUpperTailLog', () => {
  it('agrees with a naive sum on both sides of the mean and at the edges', () => {
    for (const [k, n, p] of [
      [1, 10, 1 / 9],
      [5, 5, 1 / 9],
      [7, 20, 1 / 9],
      [2, 20, 0.3],
      [12, 20, 0.3],
      [20, 20, 0.5],
    ] as const) {
      expect(Math.exp(binomialUpperTailLog(k, n, p)), `k=${k} n=${n} p=${p}`).toBeCloseTo(
        naiveBinomialUpperTail(k, n, p),
        12,
      );
    }
    expect(binomialUpperTailLog(0, 4, 0.5)).toBe(0);
    expect(binomialUpperTailLog(5, 4, 0.5)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('testHotSpot', () => {
  it('tests this week against the mean of the last eight weeks', () => {
    const result = testHotSpot(10, [99, 99, 5, 5, 5, 5, 5, 5, 5, 5], { method: 'poisson' });
    expect(result.baselineMean).toBe(5);
    expect(result.baselineWeeksUsed).toBe(8);
    expect(result.expected).toBe(5);
    expect(result.ratio).toBe(2);
    expect(result.pValue).toBeCloseTo(0.03183, 5);
  });

  it('uses the floor when the baseline is zero, so one complaint is not significant', () => {
    const one = testHotSpot(1, [0, 0, 0, 0, 0, 0, 0, 0], { method: 'poisson' });
    expect(one.baselineMean).toBe(0);
    expect(one.expected).toBe(0.5);
    expect(one.ratio).toBe(2);
    expect(one.pValue).toBeCloseTo(1 - Math.exp(-0.5), 12);
    expect(one.pValue).toBeGreaterThan(0.3);

    const floored = testHotSpot(1, [0, 0, 0, 0], { baselineFloor: 2, method: 'poisson' });
    expect(floored.expected).toBe(2);
    expect(floored.pValue).toBeCloseTo(1 - Math.exp(-2), 12);
  });

  it('by default tests this week against the eight baseline weeks given the total', () => {
    // Under equal weekly rates each of the 9 weeks is equally likely to hold a given complaint.
    const afterQuietWeeks = testHotSpot(5, [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(afterQuietWeeks.method).toBe('conditional');
    expect(afterQuietWeeks.pValue).toBeCloseTo((1 / 9) ** 5, 15);
    expect(afterQuietWeeks.ratio).toBe(10);
    expect(testHotSpot(1, [0, 0, 0, 0, 0, 0, 0, 0]).pValue).toBeCloseTo(1 / 9, 12);
    // 10 this week, 40 over the baseline: P(Binomial(50, 1/9) ≥ 10).
    expect(testHotSpot(10, [5, 5, 5, 5, 5, 5, 5, 5]).pValue).toBeCloseTo(
      naiveBinomialUpperTail(10, 50, 1 / 9),
      12,
    );
  });

  it('is less sure than the plug-in Poisson test when the baseline is noisy', () => {
    const history = [0, 2, 0, 1, 0, 3, 0, 1];
    expect(testHotSpot(7, history).pValue).toBeGreaterThan(
      5 * testHotSpot(7, history, { method: 'poisson' }).pValue,
    );
  });

  it('never lowers its p-value when this week has fewer complaints', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOT_SPOT_METHODS),
        fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 8 }),
        fc.nat({ max: 300 }),
        (method, history, observed) => {
          const here = testHotSpot(observed, history, { method }).logPValue;
          const next = testHotSpot(observed + 1, history, { method }).logPValue;
          expect(next).toBeLessThanOrEqual(here + 1e-12);
        },
      ),
    );
  });

  it('uses fewer weeks when the history is shorter, and refuses none', () => {
    expect(testHotSpot(3, [1, 3]).baselineWeeksUsed).toBe(2);
    expect(testHotSpot(3, [1, 3]).expected).toBe(2);
    expect(() => testHotSpot(3, [])).toThrow(/at least one earlier week/);
    expect(() => testHotSpot(3, [1, -1])).toThrow(RangeError);
  });
});
