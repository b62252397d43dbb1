import { avgGrowth, type GrowthRounding } from './methods/avg-growth';
import { type BacktestTable, backtestAll, defaultHoldout } from './methods/backtest';
import { combined } from './methods/combined';
import {
  checkFinite,
  checkFiniteResult,
  checkHorizon,
  FORECAST_METHODS,
  ForecastInputError,
  type ForecastMethod,
} from './methods/forecast-input';
import { forecastWith, type MethodOptions } from './methods/forecast-with';
import { linearTrend } from './methods/linear-trend';
import { checkPeriod, seasonal } from './methods/seasonal';

export type ForecastRequest = {
  values: readonly number[];
  method?: ForecastMethod;
  /** Season length for the seasonal method (12 for months, 4 for quarters). */
  period?: number;
  horizon?: number;
  holdout?: number;
  rounding?: GrowthRounding;
};

export const DEFAULT_METHOD: ForecastMethod = 'combined';
export const DEFAULT_PERIOD = 12;

/** The CLI's last JSON line and the body of POST /api/forecasts. */
export type ForecastResult = {
  method: ForecastMethod;
  horizon: number;
  period: number;
  forecasts: number[];
  /** N = a + bT (linear and combined). */
  params?: { a: number; b: number; r2: number | null };
  /** Growth rates and their mean of the last three, in percent (avg-growth and combined). */
  growthRates?: number[];
  meanGrowth?: number;
  rounding?: GrowthRounding;
  /** Seasonal model: forecast standard errors. */
  standardErrors?: number[];
  /** Seasonal model: which estimator fitted (see methods/seasonal.ts). */
  estimator?: string;
  backtest: BacktestTable['scores'];
  notApplicable: BacktestTable['notApplicable'];
  best: ForecastMethod | null;
};

/** Checks the request, forecasts with the chosen method and back-tests every method. */
export function runForecast(request: ForecastRequest): ForecastResult {
  const method = request.method ?? DEFAULT_METHOD;
  const horizon = request.horizon ?? 1;
  const period = request.period ?? DEFAULT_PERIOD;
  const { values } = request;
  checkFinite(values);
  checkHorizon(horizon);
  checkPeriod(period);
  if (values.length < 2)
    throw new ForecastInputError('values', `at least 2 values are needed, got ${values.length}`);
  const holdout = request.holdout ?? defaultHoldout(values.length, period);
  if (!Number.isInteger(holdout) || holdout < 1 || holdout >= values.length) {
    throw new ForecastInputError('holdout', `holdout must be a whole number from 1 to ${values.length - 1}`);
  }
  const options = { period, ...(request.rounding ? { rounding: request.rounding } : {}) };
  const table = backtestAll(values, { ...options, holdout });
  const base = { method, horizon, period };
  const tail = { backtest: table.scores, notApplicable: table.notApplicable, best: table.best };
  const result = fitChosen(method, values, horizon, options, base, tail);
  checkFiniteResult([
    ...result.forecasts,
    ...(result.growthRates ?? []),
    result.meanGrowth,
    result.params?.a,
    result.params?.b,
    result.params?.r2,
    ...(result.standardErrors ?? []),
  ]);
  return result;
}

function fitChosen(
  method: ForecastMethod,
  values: readonly number[],
  horizon: number,
  options: MethodOptions,
  base: Pick<ForecastResult, 'method' | 'horizon' | 'period'>,
  tail: Pick<ForecastResult, 'backtest' | 'notApplicable' | 'best'>,
): ForecastResult {
  switch (method) {
    case 'avg-growth': {
      const fit = avgGrowth(values, horizon, options);
      return { ...base, forecasts: fit.forecasts, ...growthFields(fit), ...tail };
    }
    case 'linear': {
      const fit = linearTrend(values, horizon);
      return { ...base, forecasts: fit.forecasts, params: paramsOf(fit), ...tail };
    }
    case 'combined': {
      const fit = combined(values, horizon, options);
      return {
        ...base,
        forecasts: fit.forecasts,
        params: paramsOf(fit.linear),
        ...growthFields(fit.avgGrowth),
        ...tail,
      };
    }
    case 'seasonal': {
      const fit = seasonal(values, options.period, horizon);
      return {
        ...base,
        forecasts: fit.forecasts,
        standardErrors: fit.standardErrors,
        estimator: fit.estimator,
        ...tail,
      };
    }
  }
}

function paramsOf(fit: { a: number; b: number; r2: number | null }) {
  return { a: fit.a, b: fit.b, r2: fit.r2 };
}

function growthFields(fit: { growthRates: number[]; meanGrowth: number; rounding: GrowthRounding }) {
  return { growthRates: fit.growthRates, meanGrowth: fit.meanGrowth, rounding: fit.rounding };
}

/** Every method's forecast side by side (for a chart); a method that cannot fit gives its reason. */
export function forecastEveryMethod(
  values: readonly number[],
  horizon: number,
  options: { period: number; methods?: readonly ForecastMethod[] },
): {
  forecasts: Partial<Record<ForecastMethod, number[]>>;
  notApplicable: Partial<Record<ForecastMethod, string>>;
} {
  const forecasts: Partial<Record<ForecastMethod, number[]>> = {};
  const notApplicable: Partial<Record<ForecastMethod, string>> = {};
  for (const method of options.methods ?? FORECAST_METHODS) {
    try {
      forecasts[method] = forecastWith(method, values, horizon, options);
    } catch (error) {
      if (!(error instanceof ForecastInputError)) throw error;
      notApplicable[method] = error.message;
    }
  }
  return { forecasts, notApplicable };
}
