import dayjs from 'dayjs';

export const TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning'] as const;
export type Tier = (typeof TIERS)[number];

/** What the filter bar holds; every dashboard takes the part of it that applies to it. */
export type DashboardFilters = {
  city?: string | undefined;
  tier?: Tier | undefined;
  /** Calendar days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
};

const DAY = 'YYYY-MM-DD';

export function isTier(value: string | undefined): value is Tier {
  return TIERS.some((tier) => tier === value);
}

/** The last twelve months up to today: long enough for a trend, within the API's one-year bound. */
export function defaultPeriod(today = dayjs()): { from: string; to: string } {
  return { from: today.subtract(1, 'year').add(1, 'day').format(DAY), to: today.format(DAY) };
}

function isDay(value: string | undefined): value is string {
  return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value, DAY).isValid();
}

/** The filters from the page's URL query, with the default period when none (or a broken one) is given. */
export function filtersFromQuery(
  query: Partial<Record<'city' | 'tier' | 'from' | 'to', string>>,
): DashboardFilters {
  const fallback = defaultPeriod();
  const ranged = isDay(query.from) && isDay(query.to) && query.from <= query.to;
  return {
    city: query.city || undefined,
    tier: isTier(query.tier) ? query.tier : undefined,
    from: ranged && query.from ? query.from : fallback.from,
    to: ranged && query.to ? query.to : fallback.to,
  };
}

/**
 * The run-based dashboards (tiers, revenue at risk, signals) show one scoring run: the current one,
 * or, when the period is a single calendar month, the latest run as of that month.
 */
export function runQuery(filters: DashboardFilters): { city?: string; tier?: string; period?: string } {
  const month = filters.from.slice(0, 7);
  const period = month === filters.to.slice(0, 7) ? month : undefined;
  return withoutEmpty({ city: filters.city, tier: filters.tier, period });
}

/** Dashboards over a period of days, also filtered by region and tier (churn trend, campaigns). */
export function scoredRangeQuery(filters: DashboardFilters) {
  return withoutEmpty({ city: filters.city, tier: filters.tier, from: filters.from, to: filters.to });
}

/** Dashboards over a period of days only (SLA, agents): region and tier do not apply to them. */
export function rangeQuery(filters: DashboardFilters) {
  return { from: filters.from, to: filters.to };
}

function withoutEmpty<T extends Record<string, string | undefined>>(query: T): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {};
  for (const key of Object.keys(query) as (keyof T)[]) {
    const value = query[key];
    if (value) out[key] = value;
  }
  return out;
}
