import { z } from 'zod';
import { FORECAST_METHODS, MAX_HORIZON } from './methods/forecast-input';
import { GRANULARITIES, SERIES_METRICS } from './series-granularity';

const method = z.enum(FORECAST_METHODS);

export const forecastBodySchema = z.object({
  values: z.array(z.number()).min(2, { error: 'needs at least 2 values' }).max(1000),
  method: method.optional(),
  period: z.number().int().min(2).max(52).optional(),
  horizon: z.number().int().min(1).max(MAX_HORIZON).optional(),
  holdout: z.number().int().min(1).optional(),
  rounding: z.enum(['seed', 'none']).optional(),
});

const backtestScoreSchema = z.object({
  mape: z.number().nullable(),
  mae: z.number(),
  holdout: z.number().int(),
});
const byMethod = <T extends z.ZodType>(value: T) => z.partialRecord(method, value);

const backtestFields = {
  backtest: byMethod(backtestScoreSchema),
  notApplicable: byMethod(z.string()),
  best: method.nullable(),
};
const linearParamsSchema = z.object({ a: z.number(), b: z.number(), r2: z.number().nullable() });

export const forecastResultSchema = z
  .object({
    method,
    horizon: z.number().int(),
    period: z.number().int(),
    forecasts: z.array(z.number()),
    params: linearParamsSchema.optional(),
    growthRates: z.array(z.number()).optional(),
    meanGrowth: z.number().optional(),
    rounding: z.enum(['seed', 'none']).optional(),
    standardErrors: z.array(z.number()).optional(),
    estimator: z.string().optional(),
    ...backtestFields,
  })
  .meta({ id: 'ForecastResult' });

export const seriesQuerySchema = z.object({
  metric: z.enum(SERIES_METRICS),
  granularity: z.enum(GRANULARITIES).default('month'),
});

export const metricForecastQuerySchema = seriesQuerySchema.extend({
  horizon: z.coerce.number().int().min(1).max(MAX_HORIZON).default(3),
});

const pointSchema = z.object({ period: z.string(), value: z.number() });

export const seriesSchema = z
  .object({
    metric: z.enum(SERIES_METRICS),
    granularity: z.enum(GRANULARITIES),
    unit: z.enum(['fen', 'minutes', 'subscribers']),
    points: z.array(pointSchema),
    /** Periods left out because the history covers only part of them. */
    partial: z.array(z.string()),
    /** How the series was made (approximations stated). */
    source: z.string(),
  })
  .meta({ id: 'ForecastSeries' });

export const metricForecastSchema = seriesSchema
  .extend({
    horizon: z.number().int(),
    /** Season length given to the seasonal method; null when it is not offered (quarter, year). */
    period: z.number().int().nullable(),
    forecasts: byMethod(z.array(pointSchema)),
    params: linearParamsSchema.nullable(),
    growth: z.object({ growthRates: z.array(z.number()), meanGrowth: z.number() }).nullable(),
    ...backtestFields,
  })
  .meta({ id: 'MetricForecast' });
