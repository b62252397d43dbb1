import { avgGrowth, type GrowthRounding } from './avg-growth';
import { combined } from './combined';
import type { ForecastMethod } from './forecast-input';
import { linearTrend } from './linear-trend';
import { seasonal } from './seasonal';

export type MethodOptions = { period: number; rounding?: GrowthRounding };

/** Forecasts of one method only (for back-testing and for drawing every method side by side). */
export function forecastWith(
  method: ForecastMethod,
  values: readonly number[],
  horizon: number,
  options: MethodOptions,
): number[] {
  switch (method) {
    case 'avg-growth':
      return avgGrowth(values, horizon, options).forecasts;
    case 'linear':
      return linearTrend(values, horizon).forecasts;
    case 'combined':
      return combined(values, horizon, options).forecasts;
    case 'seasonal':
      return seasonal(values, options.period, horizon).forecasts;
  }
}
