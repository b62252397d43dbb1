/** The console's three forecast horizons: rolling monthly, quarterly and annual. */
export const GRANULARITIES = ['month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const SERIES_METRICS = ['revenue', 'minutes', 'vip_count', 'churners'] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

/** Flows add up over a period; a stock (the VIP count) is read at the period's end. */
const STOCK_METRICS: readonly SeriesMetric[] = ['vip_count'];

export type SeriesPoint = { period: string; value: number };
export type MonthValue = { month: string; value: number };

function periodOf(month: string, granularity: Granularity): string {
  const year = month.slice(0, 4);
  if (granularity === 'year') return year;
  if (granularity === 'month') return month;
  return `${year}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

const MONTHS_IN: Record<Granularity, number> = { month: 1, quarter: 3, year: 12 };

/**
 * Monthly values (ascending, one per month) → periods of the granularity. A quarter or year with
 * fewer months than it should have (the first and last of the history are often cut) would look
 * like a collapse or a jump, so it is left out and listed in `partial`.
 */
export function aggregateMonths(
  months: readonly MonthValue[],
  metric: SeriesMetric,
  granularity: Granularity,
): { points: SeriesPoint[]; partial: string[] } {
  const groups = new Map<string, number[]>();
  for (const { month, value } of months) {
    const key = periodOf(month, granularity);
    const list = groups.get(key) ?? [];
    list.push(value);
    groups.set(key, list);
  }
  const points: SeriesPoint[] = [];
  const partial: string[] = [];
  const stock = STOCK_METRICS.includes(metric);
  for (const [period, values] of groups) {
    if (values.length < MONTHS_IN[granularity]) {
      partial.push(period);
      continue;
    }
    let sum = 0;
    for (const v of values) sum += v;
    points.push({ period, value: stock ? (values[values.length - 1] ?? 0) : sum });
  }
  return { points, partial };
}

/** Every month from the first to the last (YYYY-MM), so a month with no bills reads as a gap of 0. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}

/** The label of the period `steps` after `period` (for the forecast points on the chart). */
export function periodAfter(period: string, steps: number, granularity: Granularity): string {
  if (granularity === 'year') return String(Number(period) + steps);
  if (granularity === 'quarter') {
    const index = Number(period.slice(0, 4)) * 4 + Number(period.slice(6)) - 1 + steps;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  }
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + steps;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
