import { addDays, addMonths, isCalendarDate, monthEnd, monthOf } from '#src/lib/months';
import { RELATIONAL_FACTS_TABLE } from './relational-facts';
import type { PopulationPercentiles } from './subscriber-features';

/** Months in the bill series, oldest first, ending with the as-of month. */
export const SERIES_MONTHS = 6;
/** Days in the usage window, ending with asOf. */
export const USAGE_WINDOW_DAYS = 30;

/** The bill measures that become monthly series: feature-table column prefix → bills column. */
export const SERIES_MEASURES = {
  spend: 'total_fen',
  voice: 'voice_fen',
  data: 'data_fen',
  sms: 'sms_fen',
  value_added: 'value_added_fen',
  overage: 'overage_fen',
  minutes: 'minutes',
  data_mb: 'data_mb',
  sms_count: 'sms_count',
} as const;
export type SeriesMeasure = keyof typeof SERIES_MEASURES;
const MEASURES = Object.keys(SERIES_MEASURES).filter((key): key is SeriesMeasure => key in SERIES_MEASURES);

/** The feature-table column holding `measure` for the month at `index` (0 = oldest). */
export function seriesColumn(measure: SeriesMeasure, index: number): string {
  return `${measure}_m${index}`;
}

/**
 * The set-based feature query as of `asOf`: one row per subscriber in RELATIONAL_FACTS_TABLE,
 * ordered by subscriber_id unless `ordered: false` (a scoring run: every row is scored on its own,
 * so the order does not matter, and sorting ~110 columns of 10M rows would spill), over the views
 * `bills` and `usage`. Only bills of months up to the
 * as-of month and usage up to asOf are read, so the same query builds past training snapshots.
 *
 * Plain SQL (CTEs, joins, aggregate FILTER) so Spark SQL or Trino can run it over the same
 * Parquet: the series are one column per month (one join per month) instead of DuckDB lists, and
 * zero-call runs come from a per-subscriber bit mask of call days decoded while streaming. Only
 * date_diff, GREATEST and POWER are dialect details. `asOf` is checked, then inlined.
 */
export function featureQuerySql(
  asOf: string,
  precomputed?: PrecomputedUsage,
  options: FeatureQueryOptions = {},
): string {
  if (!isCalendarDate(asOf)) throw new Error(`as-of must be a date YYYY-MM-DD, got '${asOf}'`);
  const facts = options.facts ?? RELATIONAL_FACTS_TABLE;
  const range = options.range;
  if (range && !(Number.isSafeInteger(range.from) && Number.isSafeInteger(range.to))) {
    throw new Error(`a subscriber range is two integers, got ${JSON.stringify(range)}`);
  }
  // Every scan gets the range, so each reads (and each join builds over) one slice only.
  const inRange = (column: string) => `${column} >= ${range?.from} AND ${column} < ${range?.to}`;
  const whereInRange = (column: string) => (range ? `\n  WHERE ${inRange(column)}` : '');
  const day = `DATE '${asOf}'`;
  const asOfMonth = monthOf(asOf);
  const firstMonth = addMonths(asOfMonth, -(SERIES_MONTHS - 1));
  const windowStart = addDays(asOf, -(USAGE_WINDOW_DAYS - 1));
  const billed = (k: number) => `${seriesColumn('spend', k)} IS NOT NULL`;
  const monthStart = (index: number) => `DATE '${addMonths(firstMonth, index)}-01'`;
  const last = SERIES_MONTHS - 1;
  const pivots = MEASURES.flatMap((measure) =>
    Array.from(
      { length: SERIES_MONTHS },
      (_, index) =>
        `CAST(b${index}.${SERIES_MEASURES[measure]} AS ${measure === 'data_mb' ? 'DOUBLE' : 'INTEGER'}) AS ${seriesColumn(measure, index)}`,
    ),
  );
  const monthJoins = Array.from(
    { length: SERIES_MONTHS },
    (_, index) =>
      `LEFT JOIN bills b${index} ON b${index}.subscriber_id = p.subscriber_id AND b${index}.month = ${monthStart(index)}${range ? ` AND ${inRange(`b${index}.subscriber_id`)}` : ''}`,
  );
  // Least squares over the billed months, x = month position: sums of 1, x, x², y, xy.
  const overBilled = (term: (k: number) => string) =>
    Array.from({ length: SERIES_MONTHS }, (_, k) => `CASE WHEN ${billed(k)} THEN ${term(k)} ELSE 0 END`).join(
      ' + ',
    );
  const spendAt = (k: number) => `CAST(${seriesColumn('spend', k)} AS DOUBLE)`;
  const seriesColumns = MEASURES.flatMap((measure) =>
    Array.from({ length: SERIES_MONTHS }, (_, index) => `b.${seriesColumn(measure, index)}`),
  );
  const newerCounts = Array.from({ length: SERIES_MONTHS }, (_, k) => {
    const terms = Array.from(
      { length: SERIES_MONTHS - k },
      (_, j) => `CASE WHEN ${billed(k + j)} THEN 1 ELSE 0 END`,
    );
    return `${terms.join(' + ')} AS newer_${k}`;
  });
  const lastBilledSum = (measure: SeriesMeasure, n: number) =>
    Array.from(
      { length: SERIES_MONTHS },
      (_, k) => `CASE WHEN ${billed(k)} AND newer_${k} <= ${n} THEN ${seriesColumn(measure, k)} ELSE 0 END`,
    ).join(' + ');
  const lastBilledAverage = (n: number) =>
    `CASE WHEN newer_0 > 0 THEN ROUND(CAST(${lastBilledSum('spend', n)} AS DOUBLE)
      / CASE WHEN newer_0 < ${n} THEN newer_0 ELSE ${n} END) END`;
  // Whole months of tenure: the join day counts as reached on the last day of a shorter month.
  const asOfMonthIndex = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) - 1;
  const dayReached = monthEnd(asOfMonth) === asOf ? 31 : Number(asOf.slice(8, 10));
  const change = (latest: string, earlier: string) =>
    `CASE WHEN ${earlier} <> 0 THEN (CAST(${latest} AS DOUBLE) - ${earlier}) / ${earlier} END`;
  const share = (part: string) => `CASE WHEN b.spend_3 > 0 THEN CAST(${part} AS DOUBLE) / b.spend_3 END`;
  // Narrow types keep the materialised table small (it is held in DuckDB while it streams): a
  // month's fen and every count fit INTEGER.
  const int = (expression: string) => `CAST(${expression} AS INTEGER)`;

  const usageCtes = precomputed
    ? `usage_stats AS (SELECT * FROM ${precomputed.usageStats}${whereInRange('subscriber_id')}),
last_activity AS (SELECT * FROM ${precomputed.lastActivity}${whereInRange('subscriber_id')})`
    : usageAggregatesSql(asOf);
  return `WITH
population AS (
  SELECT subscriber_id, GREATEST(join_date, DATE '${windowStart}') AS window_start
  FROM ${facts}${whereInRange('subscriber_id')}
),
-- One join per month instead of GROUP BY with MAX(CASE ...) pivots and a ROW_NUMBER window:
-- the aggregate over ~60 states per subscriber was the slowest step at 1M subscribers.
bill_pivot AS (
  SELECT p.subscriber_id,
    ${pivots.join(',\n    ')}
  FROM population p
  ${monthJoins.join('\n  ')}
),
-- newer_k: bills from month k on, so "the last n billed months" are those with newer_k <= n.
bill_recency AS (
  SELECT bill_pivot.*,
    ${newerCounts.join(',\n    ')},
    ${overBilled((k) => `${k * k}`)} AS sum_xx,
    ${overBilled((k) => `${k} * ${spendAt(k)}`)} AS sum_xy,
    ${overBilled((k) => `${k}`)} AS sum_x,
    ${overBilled(spendAt)} AS sum_y
  FROM bill_pivot
),
bill_stats AS (
  SELECT bill_recency.*,
    newer_0 AS billed_months,
    CASE WHEN newer_0 >= 2
      THEN ROUND((newer_0 * sum_xy - sum_x * sum_y) / (newer_0 * sum_xx - sum_x * sum_x), 2) END AS arpu_trend,
    ${lastBilledAverage(SERIES_MONTHS)} AS arpu_6,
    ${lastBilledAverage(1)} AS arpu_1,
    ${lastBilledAverage(3)} AS arpu_3,
    ${lastBilledSum('spend', 3)} AS spend_3,
    ${lastBilledSum('voice', 3)} AS voice_3,
    ${lastBilledSum('data', 3)} AS data_3,
    ${lastBilledSum('value_added', 3)} AS value_added_3
  FROM bill_recency
),
${usageCtes}
SELECT
  f.subscriber_id, f.brand, f.plan_id, f.plan_code, f.plan_monthly_fee_fen, f.plan_included_minutes,
  f.plan_included_data_mb, f.city, f.district, f.vip_level, f.is_group_customer, f.status,
  ${int(`date_diff('day', f.status_since, ${day})`)} AS days_in_status,
  f.join_date,
  CAST(${asOfMonthIndex} - (12 * EXTRACT(YEAR FROM f.join_date) + EXTRACT(MONTH FROM f.join_date) - 1)
    - CASE WHEN EXTRACT(DAY FROM f.join_date) > ${dayReached} THEN 1 ELSE 0 END AS INTEGER) AS tenure_months,
  f.birth_date, f.handset_model, f.scene_tags,
  ${int(`date_diff('day', ${day}, f.contract_end)`)} AS contract_days_left,
  f.contract_end,
  ${seriesColumns.join(', ')},
  ${int('COALESCE(b.billed_months, 0)')} AS billed_months,
  ${int('b.arpu_1')} AS arpu_1, ${int('b.arpu_3')} AS arpu_3, ${int('b.arpu_6')} AS arpu_6, b.arpu_trend,
  ${share('b.voice_3')} AS voice_share,
  ${share('b.data_3')} AS data_share,
  ${share('b.value_added_3')} AS value_added_share,
  ${change(`b.${seriesColumn('spend', last)}`, `b.${seriesColumn('spend', last - 1)}`)} AS spend_change,
  ${change(`b.${seriesColumn('minutes', last)}`, `b.${seriesColumn('minutes', last - 1)}`)} AS minutes_change,
  ${change(`b.${seriesColumn('data_mb', last)}`, `b.${seriesColumn('data_mb', last - 1)}`)} AS data_change,
  ${int('COALESCE(u.usage_days, 0)')} AS usage_days_30,
  -- The subscriber's own window starts at the join date when that is later.
  ${int(`CASE WHEN u.usage_days > 0 THEN date_diff('day', p.window_start, ${day}) + 1 END`)} AS window_days_30,
  ${int('u.call_day_mask')} AS call_day_mask_30,
  ${int('COALESCE(u.active_days, 0)')} AS active_days_30,
  ${int(`date_diff('day', COALESCE(u.last_active_date, a.last_active_date), ${day})`)} AS days_since_last_activity,
  ${int('COALESCE(u.calls_out, 0)')} AS calls_out_30,
  ${int('COALESCE(u.calls_in, 0)')} AS calls_in_30,
  ${int('COALESCE(u.minutes, 0)')} AS minutes_30,
  COALESCE(u.data_mb, 0) AS data_mb_30,
  CASE WHEN u.data_mb > 0 THEN u.night_data_mb / u.data_mb END AS night_data_share_30,
  ${int('COALESCE(u.distinct_contacts, 0)')} AS distinct_contacts_30,
  ${int('COALESCE(u.hotline_calls, 0)')} AS competitor_hotline_calls_30,
  ${int('COALESCE(u.marketing_contacts, 0)')} AS competitor_marketing_contacts_30,
  u.last_hotline_date, u.last_marketing_date,
  f.complaints_90, f.open_complaints, f.overdue_complaints, f.oldest_overdue_due_date,
  f.service_contacts_90, f.consultations_180, f.last_business_contact_date, f.last_complaint_resolved_date,
  f.revisit_low_90, f.last_revisit_score
FROM ${facts} f
LEFT JOIN bill_stats b ON b.subscriber_id = f.subscriber_id
JOIN population p ON p.subscriber_id = f.subscriber_id
LEFT JOIN usage_stats u ON u.subscriber_id = f.subscriber_id
LEFT JOIN last_activity a ON a.subscriber_id = f.subscriber_id${whereInRange('f.subscriber_id').replace('\n  ', '\n')}${options.ordered === false ? '' : '\nORDER BY f.subscriber_id'}`;
}

export type FeatureQueryOptions = {
  /** false: rows in no particular order (a scoring run scores each row on its own). */
  ordered?: boolean;
  /** The relation of relational facts: a table, or read_parquet(...) of an exported file. */
  facts?: string;
  /** Only subscribers with from <= id < to: a scoring run computes its features slice by slice. */
  range?: { from: number; to: number };
};

/** Relations (tables or read_parquet(...)) holding usageStatsSelect results, computed ahead (in parallel). */
export type PrecomputedUsage = { usageStats: string; lastActivity: string };

/**
 * The usage-side aggregates (the CTEs usage_stats and last_activity), which need nothing from the
 * relational store: a run computes them while PostgreSQL exports the relational facts.
 */
export function usageAggregatesSql(asOf: string): string {
  if (!isCalendarDate(asOf)) throw new Error(`as-of must be a date YYYY-MM-DD, got '${asOf}'`);
  const day = `DATE '${asOf}'`;
  const asOfMonth = monthOf(asOf);
  const windowStart = addDays(asOf, -(USAGE_WINDOW_DAYS - 1));
  const called = '(calls_out + calls_in) > 0';
  return `-- No join to the population here: joining 30M rows cost more than aggregating the few extra
-- (churned) subscribers, who drop out at the final join.
window_usage AS (
  SELECT *
  FROM usage
  WHERE month >= DATE '${monthOf(windowStart)}-01' AND month <= DATE '${asOfMonth}-01'
    AND date >= DATE '${windowStart}' AND date <= ${day}
),
usage_stats AS (
  SELECT subscriber_id,
    COUNT(*) AS usage_days,
    COUNT(*) FILTER (WHERE ${called} OR data_mb > 0) AS active_days,
    SUM(calls_out) AS calls_out,
    SUM(calls_in) AS calls_in,
    SUM(minutes) AS minutes,
    ROUND(SUM(data_mb), 3) AS data_mb,
    ROUND(SUM(night_data_mb), 3) AS night_data_mb,
    SUM(distinct_contacts) AS distinct_contacts,
    SUM(competitor_hotline_calls) AS hotline_calls,
    SUM(competitor_marketing_contacts) AS marketing_contacts,
    MAX(date) FILTER (WHERE competitor_hotline_calls > 0) AS last_hotline_date,
    MAX(date) FILTER (WHERE competitor_marketing_contacts > 0) AS last_marketing_date,
    -- Bit k: a call on the window's day k. Zero-call days and runs (days without a row included)
    -- are read from it while streaming; a LAG window over every usage row cost ~10x the rest.
    SUM(CASE WHEN ${called} THEN POWER(2, date_diff('day', DATE '${windowStart}', date)) ELSE 0 END) AS call_day_mask,
    MAX(date) FILTER (WHERE ${called} OR data_mb > 0) AS last_active_date
  FROM window_usage
  GROUP BY subscriber_id
),
-- The last active day before the window, for subscribers idle through it: the window's own comes
-- from usage_stats (its scan already reads those rows; reading them again here cost a fifth of the
-- usage aggregates at 10M).
last_activity AS (
  SELECT subscriber_id, MAX(date) AS last_active_date
  FROM usage
  WHERE month <= DATE '${monthOf(windowStart)}-01' AND date < DATE '${windowStart}' AND (${called} OR data_mb > 0)
  GROUP BY subscriber_id
)`;
}

/** `SELECT * FROM usage_stats` and `… last_activity` as standalone statements, for precomputing. */
export function usageStatsSelect(asOf: string): { usageStats: string; lastActivity: string } {
  const ctes = usageAggregatesSql(asOf);
  return {
    usageStats: `WITH ${ctes} SELECT * FROM usage_stats`,
    lastActivity: `WITH ${ctes} SELECT * FROM last_activity`,
  };
}

/**
 * PopulationStats over a materialised feature table, at the settings' percentiles. PERCENTILE_CONT
 * interpolates; arpu3 counts subscribers with a bill, distinct contacts those with usage in the
 * window (no data is not "low").
 */
export function populationStatsSql(featureTable: string, percentiles: PopulationPercentiles): string {
  const fraction = (p: number) => {
    if (!(p > 0 && p < 1)) throw new Error(`a percentile must lie between 0 and 1, got ${p}`);
    return String(p);
  };
  return `SELECT
  CAST(COUNT(*) AS INTEGER) AS subscribers,
  ROUND(PERCENTILE_CONT(${fraction(percentiles.generalValue)}) WITHIN GROUP (ORDER BY arpu_3)) AS general_value_arpu,
  ROUND(PERCENTILE_CONT(${fraction(percentiles.highValue)}) WITHIN GROUP (ORDER BY arpu_3)) AS high_value_arpu,
  ROUND(PERCENTILE_CONT(${fraction(percentiles.influence)}) WITHIN GROUP (ORDER BY distinct_contacts_30) FILTER (WHERE usage_days_30 > 0), 2)
    AS influential_contacts_30
FROM ${featureTable}`;
}
