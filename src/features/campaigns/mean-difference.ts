import type { Interval } from './rate-difference';
import { studentTQuantile } from './student-t';

/** A sample summarised: size, mean and sample variance (n − 1 denominator). */
export type SampleSummary = { n: number; mean: number; variance: number };

export type MeanDifference = {
  /** first mean − second mean */
  difference: number;
  interval: Interval;
  /** Welch–Satterthwaite degrees of freedom (null when both variances are 0). */
  degreesOfFreedom: number | null;
  standardError: number;
};

/**
 * Welch's interval for the difference of two means with unequal variances (incremental ARPU:
 * treated change minus holdout change). Null when either sample has fewer than two values, as no
 * variance can be estimated from one.
 */
export function welchInterval(
  first: SampleSummary,
  second: SampleSummary,
  confidence = 0.95,
): MeanDifference | null {
  if (first.n < 2 || second.n < 2) return null;
  const a = first.variance / first.n;
  const b = second.variance / second.n;
  const difference = first.mean - second.mean;
  const standardError = Math.sqrt(a + b);
  if (standardError === 0) {
    return {
      difference,
      interval: { low: difference, high: difference },
      degreesOfFreedom: null,
      standardError,
    };
  }
  const degreesOfFreedom = (a + b) ** 2 / (a ** 2 / (first.n - 1) + b ** 2 / (second.n - 1));
  const t = studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom);
  return {
    difference,
    interval: { low: difference - t * standardError, high: difference + t * standardError },
    degreesOfFreedom,
    standardError,
  };
}

/** Size, mean and sample variance of plain values (for tests and small in-memory samples). */
export function summarise(values: readonly number[]): SampleSummary {
  const n = values.length;
  if (n === 0) return { n, mean: 0, variance: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}
