import { checkFinite, checkHorizon, ForecastInputError, round2 } from './forecast-input';

export type LinearTrendFit = {
  /** Intercept of N = a + bT. */
  a: number;
  /** Slope per period of N = a + bT. */
  b: number;
  /** Coefficient of determination; null when the series is constant (nothing to explain). */
  r2: number | null;
  forecasts: number[];
};

/** Two points always fit a line exactly; a third is the least that can show a misfit. */
export const LINEAR_MIN_VALUES = 3;

/**
 * Time-series regression (时间序列外推法, seed 001): least squares N = a + bT with T = 1..n, the
 * forecast for step h is a + b(n + h).
 */
export function linearTrend(values: readonly number[], horizon: number): LinearTrendFit {
  checkFinite(values);
  checkHorizon(horizon);
  const n = values.length;
  if (n < LINEAR_MIN_VALUES) {
    throw new ForecastInputError('values', `linear needs at least ${LINEAR_MIN_VALUES} values, got ${n}`);
  }
  const meanT = (n + 1) / 2;
  let meanN = 0;
  for (const v of values) meanN += v / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i += 1) {
    const dt = i + 1 - meanT;
    sxy += dt * ((values[i] ?? 0) - meanN);
    sxx += dt * dt;
  }
  const b = sxy / sxx;
  const a = meanN - b * meanT;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i += 1) {
    const v = values[i] ?? 0;
    ssRes += (v - (a + b * (i + 1))) ** 2;
    ssTot += (v - meanN) ** 2;
  }
  const r2 = ssTot === 0 ? null : 1 - ssRes / ssTot;
  const forecasts: number[] = [];
  for (let h = 1; h <= horizon; h += 1) forecasts.push(round2(a + b * (n + h)));
  return { a: cleanFloat(a), b: cleanFloat(b), r2, forecasts };
}

/** 2250.0000000000005 → 2250: the seed's parameters are exact and should print so. */
function cleanFloat(value: number): number {
  return Number(value.toPrecision(12));
}
