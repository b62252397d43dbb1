import { type AvgGrowthFit, avgGrowth, type GrowthRounding } from './avg-growth';
import { round2 } from './forecast-input';
import { type LinearTrendFit, linearTrend } from './linear-trend';

export type CombinedFit = { avgGrowth: AvgGrowthFit; linear: LinearTrendFit; forecasts: number[] };

/**
 * The seed's final figure: the mean of the growth extrapolation and the linear trend, step by
 * step ((11968.14 + 11470) / 2 = 11719.07). Each method's own errors partly cancel.
 */
export function combined(
  values: readonly number[],
  horizon: number,
  options: { rounding?: GrowthRounding } = {},
): CombinedFit {
  const growth = avgGrowth(values, horizon, options);
  const linear = linearTrend(values, horizon);
  const forecasts = growth.forecasts.map((g, i) => round2((g + (linear.forecasts[i] ?? g)) / 2));
  return { avgGrowth: growth, linear, forecasts };
}
