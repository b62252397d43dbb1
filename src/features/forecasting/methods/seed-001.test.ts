import { describe, expect, it } from 'vitest';
import { runForecast } from '../run-forecast';
import { avgGrowth } from './avg-growth';
import { combined } from './combined';
import { linearTrend } from './linear-trend';

// Seed 001, tables 1-4 and 1-5: local call minutes (万分钟) of 1995–2001.
const MINUTES = [3500, 4550, 5640, 6770, 7990, 9190, 10380];

describe("seed 001's worked example", () => {
  it('reproduces the arithmetic-average growth extrapolation: rates 30…13 %, mean 15.3 %, 11968.14', () => {
    const fit = avgGrowth(MINUTES, 1);
    expect(fit.growthRates).toEqual([30, 24, 20, 18, 15, 13]);
    expect(fit.meanGrowth).toBe(15.3);
    expect(fit.forecasts).toEqual([11968.14]);
  });

  it('gives the unrounded figure only when asked, so the seed rounding is what changes the answer', () => {
    const fit = avgGrowth(MINUTES, 1, { rounding: 'none' });
    expect(fit.meanGrowth).toBeCloseTo(15.33, 2);
    expect(fit.forecasts).toEqual([11971.2]);
  });

  it('reproduces the time-series regression N = 2250 + 1152.5T, R² 0.999, 11470 for T = 8', () => {
    const fit = linearTrend(MINUTES, 1);
    expect(fit.a).toBe(2250);
    expect(fit.b).toBe(1152.5);
    expect(Number(fit.r2?.toFixed(3))).toBe(0.999);
    expect(fit.forecasts).toEqual([11470]);
  });

  it('reproduces the combined forecast (11968.14 + 11470) / 2 = 11719.07', () => {
    expect(combined(MINUTES, 1).forecasts).toEqual([11719.07]);
    expect(runForecast({ values: MINUTES }).forecasts).toEqual([11719.07]);
  });

  it('compounds the mean growth and extends the line for longer horizons', () => {
    expect(avgGrowth(MINUTES, 2).forecasts).toEqual([11968.14, 13799.27]);
    expect(linearTrend(MINUTES, 3).forecasts).toEqual([11470, 12622.5, 13775]);
  });
});
