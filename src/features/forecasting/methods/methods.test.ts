import { describe, expect, it } from 'vitest';
import { runForecast } from '../run-forecast';
import { avgGrowth } from './avg-growth';
import { backtest, backtestAll } from './backtest';
import { ForecastInputError } from './forecast-input';
import { linearTrend } from './linear-trend';
import { seasonal, seasonalMinValues } from './seasonal';

/** Four years of months: a rising trend, a strong yearly swing and a little deterministic noise. */
function seasonalSeries(months: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < months; t += 1) {
    out.push(1000 + 10 * t + 200 * Math.sin((2 * Math.PI * t) / 12) + (((t * 7919) % 13) - 6));
  }
  return out;
}

function inputError(fn: () => unknown): ForecastInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ForecastInputError) return error;
    throw error;
  }
  throw new Error('expected a ForecastInputError');
}

describe('average growth', () => {
  it('forecasts a decline from negative growth rates', () => {
    const fit = avgGrowth([100, 90, 81, 72.9], 1);
    expect(fit.growthRates).toEqual([-10, -10, -10]);
    expect(fit.forecasts).toEqual([65.61]);
  });

  it('refuses fewer than four values and a zero base among the rates it averages', () => {
    expect(inputError(() => avgGrowth([1, 2, 3], 1)).message).toMatch(/at least 4 values/);
    const zero = inputError(() => avgGrowth([5, 0, 3, 4, 5], 1));
    expect(zero.field).toBe('values');
    expect(zero.message).toMatch(/values\[1\] is 0/);
  });

  it('ignores a zero before the three rates it averages', () => {
    expect(avgGrowth([0, 100, 110, 121, 133.1], 1).forecasts).toEqual([146.41]);
  });
});

describe('linear trend', () => {
  it('fits a constant series exactly with no R² to report', () => {
    const fit = linearTrend([0, 0, 0, 0], 2);
    expect(fit).toMatchObject({ a: 0, b: 0, r2: null, forecasts: [0, 0] });
  });

  it('refuses two values and a bad horizon', () => {
    expect(inputError(() => linearTrend([1, 2], 1)).message).toMatch(/at least 3 values/);
    expect(inputError(() => linearTrend([1, 2, 3], 0)).field).toBe('horizon');
  });
});

describe('seasonal (SARIMA from the arima package)', () => {
  it('needs three seasons of history and says so', () => {
    expect(seasonalMinValues(12)).toBe(36);
    const error = inputError(() => seasonal(seasonalSeries(20), 12, 1));
    expect(error.field).toBe('values');
    expect(error.message).toMatch(/at least 36 values for period 12/);
  });

  it('beats the linear trend in a back-test on a seasonal series', () => {
    const series = seasonalSeries(48);
    const options = { period: 12, holdout: 12 };
    const seasonalScore = backtest(series, 'seasonal', options);
    const linearScore = backtest(series, 'linear', options);
    expect(seasonalScore.mape).not.toBeNull();
    expect(linearScore.mape).not.toBeNull();
    expect(seasonalScore.mape ?? 100).toBeLessThan(1);
    expect(seasonalScore.mape ?? 100).toBeLessThan((linearScore.mape ?? 0) / 5);
    const table = backtestAll(series, options);
    expect(table.best).toBe('seasonal');
  });

  it('forecasts the next season close to the pattern', () => {
    const series = seasonalSeries(60);
    const fit = seasonal(series.slice(0, 48), 12, 12);
    for (let i = 0; i < 12; i += 1) {
      expect(Math.abs((fit.forecasts[i] ?? 0) - (series[48 + i] ?? 0))).toBeLessThan(40);
    }
  });
});

describe('back-testing', () => {
  it('scores a perfectly linear series with zero error for the linear method', () => {
    expect(backtest([10, 20, 30, 40, 50, 60], 'linear', { period: 12, holdout: 2 })).toEqual({
      mape: 0,
      mae: 0,
      holdout: 2,
    });
  });

  it('leaves zero actuals out of the MAPE but not the MAE', () => {
    const score = backtest([3, 2, 1, 0], 'linear', { period: 12, holdout: 1 });
    expect(score.mape).toBeNull();
    expect(score.mae).toBe(0);
  });

  it('lists the methods that cannot be back-tested with the reason, and ranks the others', () => {
    const result = runForecast({ values: [3500, 4550, 5640, 6770, 7990, 9190, 10380] });
    expect(Object.keys(result.backtest).sort()).toEqual(['avg-growth', 'combined', 'linear']);
    expect(result.notApplicable.seasonal).toMatch(/at least 36 values/);
    // Holdout 1: the growth method (on 1995–2000) forecasts 9190 × 1.177 = 10816.63 for 10380.
    expect(result.backtest['avg-growth']).toEqual({ mape: 4.21, mae: 436.63, holdout: 1 });
    expect(result.best).not.toBeNull();
  });

  it('refuses a hold-out that leaves nothing to fit', () => {
    expect(inputError(() => runForecast({ values: [1, 2, 3], holdout: 3 })).field).toBe('holdout');
  });
});

describe('seasonal on a noiseless pattern', () => {
  it('still fits when the default estimator returns NaN (falls back to another estimator)', () => {
    const values = Array.from({ length: 36 }, (_, t) =>
      Math.round(1000 + 10 * t + 200 * Math.sin((2 * Math.PI * t) / 12)),
    );
    const fit = seasonal(values, 12, 3);
    expect(fit.estimator).not.toBe('exact-ml/l-bfgs');
    expect(fit.forecasts.every(Number.isFinite)).toBe(true);
    expect(Math.abs((fit.forecasts[0] ?? 0) - 1360)).toBeLessThan(10);
  });
});
