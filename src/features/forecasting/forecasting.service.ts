import { AppError } from '#src/lib/app-error';
import type { Stores } from '#src/server/stores';
import {
  findMonthlyBillTotals,
  findMonthlyChurners,
  findMonthlyVipCounts,
} from './forecast-series.repository';
import { avgGrowth } from './methods/avg-growth';
import { backtestAll, defaultHoldout } from './methods/backtest';
import { ForecastInputError, type ForecastMethod } from './methods/forecast-input';
import { linearTrend } from './methods/linear-trend';
import { type ForecastRequest, type ForecastResult, forecastEveryMethod, runForecast } from './run-forecast';
import {
  aggregateMonths,
  type Granularity,
  type MonthValue,
  monthRange,
  periodAfter,
  type SeriesMetric,
  type SeriesPoint,
} from './series-granularity';

/** The API's 400 for a series a method cannot use, naming the body field at fault. */
function validationError(error: ForecastInputError, prefix: string): AppError {
  return new AppError('VALIDATION_FAILED', error.message, {
    issues: [{ path: `${prefix}.${error.field}`, message: error.message }],
  });
}

export function forecastValues(request: ForecastRequest): ForecastResult {
  try {
    return runForecast(request);
  } catch (error) {
    if (error instanceof ForecastInputError) throw validationError(error, 'body');
    throw error;
  }
}

const UNIT = {
  revenue: 'fen',
  minutes: 'minutes',
  vip_count: 'subscribers',
  churners: 'subscribers',
} as const;

const SOURCE: Record<SeriesMetric, string> = {
  revenue: 'sum of total_fen of the monthly bills in the usage store',
  minutes: 'sum of minutes of the monthly bills in the usage store',
  vip_count:
    "subscribers whose current VIP level is not 'none' and who were in service (not churned) on any day of the month, from the status history; VIP level history is not kept, so today's level is used for past months",
  churners: 'subscribers whose status turned to churned in the month, from the status history',
};

export type ForecastSeries = {
  metric: SeriesMetric;
  granularity: Granularity;
  unit: (typeof UNIT)[SeriesMetric];
  points: SeriesPoint[];
  partial: string[];
  source: string;
};

/**
 * The operator's own history of a metric. The calendar is the span of months the usage store holds
 * bills for (gaps read as 0), so all four metrics share one calendar.
 */
export async function getSeries(
  stores: Stores,
  metric: SeriesMetric,
  granularity: Granularity,
): Promise<ForecastSeries> {
  const totals = await findMonthlyBillTotals(stores.usage);
  const first = totals[0]?.month;
  const last = totals[totals.length - 1]?.month;
  const months = first && last ? monthRange(first, last) : [];
  let monthly: MonthValue[];
  if (metric === 'revenue' || metric === 'minutes') {
    const byMonth = new Map(totals.map((t) => [t.month, metric === 'revenue' ? t.revenueFen : t.minutes]));
    monthly = months.map((month) => ({ month, value: byMonth.get(month) ?? 0 }));
  } else if (metric === 'vip_count') {
    monthly = await findMonthlyVipCounts(stores.handle.engine, months);
  } else {
    monthly = await findMonthlyChurners(stores.handle.engine, months);
  }
  const { points, partial } = aggregateMonths(monthly, metric, granularity);
  return { metric, granularity, unit: UNIT[metric], points, partial, source: SOURCE[metric] };
}

/** Seasonal SARIMA is offered for monthly series only: quarters rarely reach three seasons × 4. */
const SEASON_OF: Record<Granularity, number | null> = { month: 12, quarter: null, year: null };

export async function getMetricForecast(
  stores: Stores,
  query: { metric: SeriesMetric; granularity: Granularity; horizon: number },
) {
  const series = await getSeries(stores, query.metric, query.granularity);
  const values = series.points.map((p) => p.value);
  const period = SEASON_OF[query.granularity];
  const methods: ForecastMethod[] = [
    'avg-growth',
    'linear',
    'combined',
    ...(period ? ['seasonal' as const] : []),
  ];
  const options = { period: period ?? 12, methods };
  const all = forecastEveryMethod(values, query.horizon, options);
  const lastPeriod = series.points[series.points.length - 1]?.period;
  const forecasts: Partial<Record<ForecastMethod, SeriesPoint[]>> = {};
  for (const method of methods) {
    const predicted = all.forecasts[method];
    if (!predicted || !lastPeriod) continue;
    forecasts[method] = predicted.map((value, i) => ({
      period: periodAfter(lastPeriod, i + 1, query.granularity),
      value,
    }));
  }
  const table =
    values.length >= 2
      ? backtestAll(values, { ...options, holdout: defaultHoldout(values.length, period ?? undefined) })
      : { scores: {}, notApplicable: { ...all.notApplicable }, best: null };
  return {
    ...series,
    horizon: query.horizon,
    period,
    forecasts,
    params: fitOrNull(() => {
      const fit = linearTrend(values, 1);
      return { a: fit.a, b: fit.b, r2: fit.r2 };
    }),
    growth: fitOrNull(() => {
      const fit = avgGrowth(values, 1);
      return { growthRates: fit.growthRates, meanGrowth: fit.meanGrowth };
    }),
    backtest: table.scores,
    // The forecast's own reason (on the whole series) is the one a user can act on.
    notApplicable: { ...table.notApplicable, ...all.notApplicable },
    best: table.best,
  };
}

function fitOrNull<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof ForecastInputError) return null;
    throw error;
  }
}
