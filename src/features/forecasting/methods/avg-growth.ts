import { checkFinite, checkHorizon, ForecastInputError, round2, roundTo } from './forecast-input';

/**
 * How growth rates are rounded before they are averaged.
 * - `seed` (default): as seed 001's table 1-4 does it — each rate to a whole percent, their mean to
 *   one decimal of a percent (30, 24, 20, 18, 15, 13 → 15.3 %), so 10380 × 1.153 = 11968.14 exactly.
 *   Operators check our numbers against that hand-worked method, so the default must agree with it.
 * - `none`: unrounded rates (the same example gives 15.33 % → 11971.20).
 */
export type GrowthRounding = 'seed' | 'none';

export type AvgGrowthFit = {
  /** Growth rate between consecutive values, in percent (rounded per `rounding`). */
  growthRates: number[];
  /** Mean of the last `window` growth rates, in percent: the rate the forecast compounds. */
  meanGrowth: number;
  window: number;
  rounding: GrowthRounding;
  forecasts: number[];
};

/** The seed asks for at least four years of history: three growth rates to average. */
export const AVG_GROWTH_WINDOW = 3;
export const AVG_GROWTH_MIN_VALUES = AVG_GROWTH_WINDOW + 1;

/**
 * Arithmetic-average growth extrapolation (算术平均外推法, seed 001): the mean of the last three
 * growth rates, compounded from the last value. Only the last three rates count because "the
 * telecom market changes fast" (the seed's own reason).
 */
export function avgGrowth(
  values: readonly number[],
  horizon: number,
  options: { rounding?: GrowthRounding } = {},
): AvgGrowthFit {
  const rounding = options.rounding ?? 'seed';
  checkFinite(values);
  checkHorizon(horizon);
  if (values.length < AVG_GROWTH_MIN_VALUES) {
    throw new ForecastInputError(
      'values',
      `avg-growth needs at least ${AVG_GROWTH_MIN_VALUES} values (${AVG_GROWTH_WINDOW} growth rates), got ${values.length}`,
    );
  }
  const growthRates: number[] = [];
  for (let i = 1; i < values.length; i += 1) {
    const base = values[i - 1] ?? 0;
    const next = values[i] ?? 0;
    const usedInMean = i >= values.length - AVG_GROWTH_WINDOW;
    if (base <= 0) {
      // A rate from zero is undefined and one from a negative base has no meaning; only the rates
      // the mean uses must exist, earlier ones are shown as null-free placeholders of 0 % growth.
      if (usedInMean) {
        throw new ForecastInputError(
          'values',
          `avg-growth needs positive values to compute growth rates, values[${i - 1}] is ${base}`,
        );
      }
      growthRates.push(0);
      continue;
    }
    const percent = (next / base - 1) * 100;
    growthRates.push(rounding === 'seed' ? roundTo(percent, 0) : percent);
  }
  const recent = growthRates.slice(-AVG_GROWTH_WINDOW);
  let sum = 0;
  for (const rate of recent) sum += rate;
  const mean = sum / recent.length;
  const meanGrowth = rounding === 'seed' ? roundTo(mean, 1) : mean;
  const last = values[values.length - 1] ?? 0;
  const forecasts: number[] = [];
  for (let h = 1; h <= horizon; h += 1) forecasts.push(round2(last * (1 + meanGrowth / 100) ** h));
  return { growthRates, meanGrowth, window: AVG_GROWTH_WINDOW, rounding, forecasts };
}
