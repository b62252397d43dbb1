/** The forecasting methods of seed 001 §八 plus a seasonal model for monthly series. */
export const FORECAST_METHODS = ['avg-growth', 'linear', 'combined', 'seasonal'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export function isForecastMethod(value: string): value is ForecastMethod {
  return FORECAST_METHODS.some((m) => m === value);
}

/**
 * A series a method cannot work on (too short, a zero where a growth rate needs a base, …).
 * `field` names the input at fault so the CLI and the API can point at it.
 */
export class ForecastInputError extends Error {
  constructor(
    readonly field: 'values' | 'horizon' | 'period' | 'holdout' | 'method',
    message: string,
  ) {
    super(message);
    this.name = 'ForecastInputError';
  }
}

export const MAX_HORIZON = 60;

export function checkHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new ForecastInputError('horizon', `horizon must be a whole number from 1 to ${MAX_HORIZON}`);
  }
}

export function checkFinite(values: readonly number[]): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ForecastInputError('values', `values[${bad}] is not a finite number`);
}

/**
 * Results must be numbers JSON can carry. Extreme inputs overflow to Infinity — values near 1e308,
 * or a rise from a value next to zero (8e-323 → 783709 is a growth of 1e330 %) — so such a series
 * is refused as input the method cannot work on, naming the values, instead of failing on the way
 * out. (Found by the API fuzzer.)
 */
export function checkFiniteResult(numbers: readonly (number | null | undefined)[]): void {
  if (numbers.some((n) => typeof n === 'number' && !Number.isFinite(n))) {
    throw new ForecastInputError(
      'values',
      'the values are too large, or too close to zero before a rise, to forecast without overflow',
    );
  }
}

/** Forecasts are shown to cents (or hundredths of a minute); more digits would be false precision. */
export function round2(value: number): number {
  return roundTo(value, 2);
}

/** Half away from zero, so −2.5 % rounds like 2.5 % does (Math.round would not). */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * scale + Number.EPSILON)) / scale;
  return Object.is(rounded, -0) ? 0 : rounded;
}
