import { api } from './client';

export const FORECAST_METHODS = ['avg-growth', 'linear', 'combined', 'seasonal'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];
export const FORECAST_METRICS = ['revenue', 'minutes', 'vip_count', 'churners'] as const;
export type ForecastMetric = (typeof FORECAST_METRICS)[number];
export const FORECAST_GRANULARITIES = ['year', 'quarter', 'month'] as const;
export type ForecastGranularity = (typeof FORECAST_GRANULARITIES)[number];

export type BacktestScore = { mape: number | null; mae: number; holdout: number };
export type LinearParams = { a: number; b: number; r2: number | null };
export type SeriesPoint = { period: string; value: number };

type BacktestFields = {
  backtest: Partial<Record<ForecastMethod, BacktestScore>>;
  notApplicable: Partial<Record<ForecastMethod, string>>;
  best: ForecastMethod | null;
};

/** POST /api/forecasts (the same object as `vipdesk forecast`'s JSON line). */
export type ForecastResult = BacktestFields & {
  method: ForecastMethod;
  horizon: number;
  period: number;
  forecasts: number[];
  params?: LinearParams;
  growthRates?: number[];
  meanGrowth?: number;
};

export type MetricForecast = BacktestFields & {
  metric: ForecastMetric;
  granularity: ForecastGranularity;
  unit: 'fen' | 'minutes' | 'subscribers';
  points: SeriesPoint[];
  partial: string[];
  source: string;
  horizon: number;
  period: number | null;
  forecasts: Partial<Record<ForecastMethod, SeriesPoint[]>>;
  params: LinearParams | null;
  growth: { growthRates: number[]; meanGrowth: number } | null;
};

export const forecastKeys = {
  metric: (metric: ForecastMetric, granularity: ForecastGranularity, horizon: number) =>
    ['forecasts', 'metric', metric, granularity, horizon] as const,
};

export function fetchMetricForecast(
  metric: ForecastMetric,
  granularity: ForecastGranularity,
  horizon: number,
): Promise<MetricForecast> {
  return api.get<MetricForecast>('/api/forecasts/metric', { metric, granularity, horizon });
}

export function postForecast(body: {
  values: number[];
  method?: ForecastMethod;
  period?: number;
  horizon?: number;
}): Promise<ForecastResult> {
  return api.post<ForecastResult>('/api/forecasts', body);
}
