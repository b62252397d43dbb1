import { describe, expect, it } from 'vitest';
import { summarise, welchInterval } from './mean-difference';
import { logGamma, studentTCdf, studentTQuantile } from './student-t';

describe('studentTQuantile', () => {
  it('matches tabled 97.5% points, whole and fractional degrees of freedom', () => {
    // Reference values: scipy.stats.t.ppf(0.975, df).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736, 6);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.30265273, 7);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 8);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272456, 8);
    expect(studentTQuantile(0.975, 3.5329)).toBeCloseTo(2.927384991, 7);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5);
  });

  it('is symmetric and inverts the CDF', () => {
    expect(studentTQuantile(0.025, 7.3)).toBeCloseTo(-studentTQuantile(0.975, 7.3), 9);
    expect(studentTCdf(-2.5, 7.3)).toBeCloseTo(0.019825117333, 9);
    expect(studentTCdf(studentTQuantile(0.9, 4.2), 4.2)).toBeCloseTo(0.9, 9);
  });

  it('computes ln Γ at known points', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 10);
  });
});

describe('welchInterval', () => {
  it('matches a hand-computed case: [1..5] against [2, 4, 6]', () => {
    // Means 3 and 4, variances 2.5 and 4: SE² = 2.5/5 + 4/3 = 1.8333…, Welch df =
    // 1.8333² / (0.5²/4 + 1.3333²/2) = 3.5328, t(0.975, 3.5328) = 2.92738, so −1 ± 3.96373.
    const result = welchInterval(summarise([1, 2, 3, 4, 5]), summarise([2, 4, 6]));
    if (!result) throw new Error('expected an interval');
    expect(result.difference).toBeCloseTo(-1, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(3.532846715, 8);
    expect(result.interval.low).toBeCloseTo(-4.963725522, 6);
    expect(result.interval.high).toBeCloseTo(2.963725522, 6);
  });

  it('matches scipy on ARPU changes in fen', () => {
    const treated = summarise([-1200, 300, 0, 850, -400, 1500, 200, -50]);
    const holdout = summarise([-2000, -800, 100, -1500, -300]);
    const result = welchInterval(treated, holdout);
    expect(result?.difference).toBeCloseTo(1050, 9);
    expect(result?.degreesOfFreedom).toBeCloseTo(8.19171359, 7);
    expect(result?.interval.low).toBeCloseTo(-46.159952662, 4);
    expect(result?.interval.high).toBeCloseTo(2146.159952662, 4);
  });

  it('gives no interval when a sample has fewer than two values', () => {
    expect(welchInterval(summarise([1]), summarise([1, 2, 3]))).toBeNull();
  });

  it('collapses to the difference when neither sample varies', () => {
    const result = welchInterval(summarise([5, 5, 5]), summarise([2, 2]));
    expect(result?.interval).toEqual({ low: 3, high: 3 });
  });
});
