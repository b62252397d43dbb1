import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { SERIES_MONTHS } from '#src/features/scoring/features/feature-query.sql';
import type { ScoreSeries } from '#src/features/scoring/runs/score-record';

const dialect = new PgDialect();

/** Drizzle's `sql` for composition (scope conditions, parameters), run through the shared raw path. */
async function run<T>(engine: Engine, query: SQL): Promise<T[]> {
  const compiled = dialect.sqlToQuery(query);
  return queryRows<T>(engine, compiled.sql, compiled.params);
}

/** The last series month (the run's as-of month): index SERIES_MONTHS − 1 of each stored array. */
const LAST = SERIES_MONTHS - 1;
const lastOf = (measure: 'spendFen' | 'minutes' | 'dataMb') =>
  sql.raw(`(s.series->'${measure}'->>${LAST})::float8`);
const nightShare = sql.raw(`(s.series->>'nightDataShare')::float8`);
const mixShare = (part: 'voice' | 'data' | 'valueAdded') => sql.raw(`(s.series->'mix'->>'${part}')::float8`);

export type ConsumptionRow = { tier: string; city: string; lifecycleStage: string; series: ScoreSeries };

/** One subscriber's placement and stored series in a run. */
export async function findConsumptionRow(
  engine: Engine,
  runId: number,
  subscriberId: number,
): Promise<ConsumptionRow | undefined> {
  const rows = await run<{ tier: string; city: string; lifecycle_stage: string; series: unknown }>(
    engine,
    sql`select s.tier, s.city, s.lifecycle_stage, s.series
          from subscriber_scores s
         where s.run_id = ${runId} and s.subscriber_id = ${subscriberId}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    tier: row.tier,
    city: row.city,
    lifecycleStage: row.lifecycle_stage,
    series: seriesOf(row.series),
  };
}

/** The json column comes back parsed on both drivers; written by the run from ScoreSeries. */
function seriesOf(value: unknown): ScoreSeries {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed as ScoreSeries;
}

export type QuartileTriple = [number | null, number | null, number | null];
export type PeerAggregateRow = {
  peers: number;
  spendFen: QuartileTriple;
  minutes: QuartileTriple;
  dataMb: QuartileTriple;
  nightDataShare: QuartileTriple;
};

const QUARTILES = sql.raw('array[0.25, 0.5, 0.75]');

/**
 * Quartiles of last-month spend, minutes and data (and the 30-day night share) over every
 * subscriber of the run in one tier × city: one set-based statement on the run's partition.
 */
export function peerAggregateSql(runId: number, tier: string, city: string): SQL {
  return sql`select count(*)::int as peers,
         percentile_cont(${QUARTILES}) within group (order by ${lastOf('spendFen')}) as spend_fen,
         percentile_cont(${QUARTILES}) within group (order by ${lastOf('minutes')}) as minutes,
         percentile_cont(${QUARTILES}) within group (order by ${lastOf('dataMb')}) as data_mb,
         percentile_cont(${QUARTILES}) within group (order by ${nightShare}) as night_data_share
    from subscriber_scores s
   where s.run_id = ${runId} and s.tier = ${tier} and s.city = ${city}`;
}

type RawPeerRow = {
  peers: number;
  spend_fen: unknown;
  minutes: unknown;
  data_mb: unknown;
  night_data_share: unknown;
};

export async function aggregatePeers(
  engine: Engine,
  runId: number,
  tier: string,
  city: string,
): Promise<PeerAggregateRow> {
  const [row] = await run<RawPeerRow>(engine, peerAggregateSql(runId, tier, city));
  return {
    peers: Number(row?.peers ?? 0),
    spendFen: triple(row?.spend_fen),
    minutes: triple(row?.minutes),
    dataMb: triple(row?.data_mb),
    nightDataShare: triple(row?.night_data_share),
  };
}

/** A float8[] arrives as a JS array from node-postgres and PGlite; null when no peer had a value. */
function triple(value: unknown): QuartileTriple {
  if (!Array.isArray(value)) return [null, null, null];
  const at = (i: number) => {
    const v: unknown = value[i];
    return v === null || v === undefined ? null : Number(v);
  };
  return [at(0), at(1), at(2)];
}

export type SegmentFilter = { tier?: string; city?: string; lifecycleStage?: string };

export type SegmentAggregateRow = {
  tier: string | null;
  city: string | null;
  /** True for the grand total over every segment (GROUPING SETS' empty set). */
  total: boolean;
  subscribers: number;
  arpuMeanFen: number | null;
  arpuMedianFen: number | null;
  voiceFen: number;
  dataFen: number;
  valueAddedFen: number;
  mixedSpendFen: number;
  minutesMedian: number | null;
  dataMbMedian: number | null;
  spendFenByMonth: number[];
};

/**
 * Per tier × city of a run (plus the grand total): subscribers, ARPU (3-month, mean and median),
 * monthly revenue by part (3-month ARPU × the 3-month mix, summed), last-month minutes and data
 * medians, and the segment's total spend in each series month. `scope` narrows the rows to the
 * reader's subscribers (a lead's team books).
 */
export function segmentAggregateSql(runId: number, filter: SegmentFilter, scope: SQL | undefined): SQL {
  const arpu = sql.raw('s.arpu3_fen::float8');
  const part = (name: 'voice' | 'data' | 'valueAdded') =>
    sql`coalesce(sum(${arpu} * ${mixShare(name)}), 0)::float8`;
  const monthSums = sql.join(
    Array.from({ length: SERIES_MONTHS }, (_, i) =>
      sql.raw(`coalesce(sum((s.series->'spendFen'->>${i})::float8), 0)::float8`),
    ),
    sql`, `,
  );
  const conditions = [
    sql`s.run_id = ${runId}`,
    filter.tier === undefined ? undefined : sql`s.tier = ${filter.tier}`,
    filter.city === undefined ? undefined : sql`s.city = ${filter.city}`,
    filter.lifecycleStage === undefined ? undefined : sql`s.lifecycle_stage = ${filter.lifecycleStage}`,
    scope,
  ].filter((c): c is SQL => c !== undefined);
  return sql`select s.tier, s.city, grouping(s.tier, s.city) = 3 as total,
         count(*)::int as subscribers,
         avg(${arpu})::float8 as arpu_mean_fen,
         percentile_cont(0.5) within group (order by ${arpu}) as arpu_median_fen,
         ${part('voice')} as voice_fen,
         ${part('data')} as data_fen,
         ${part('valueAdded')} as value_added_fen,
         coalesce(sum(${arpu}) filter (where s.series->'mix'->>'voice' is not null), 0)::float8 as mixed_spend_fen,
         percentile_cont(0.5) within group (order by ${lastOf('minutes')}) as minutes_median,
         percentile_cont(0.5) within group (order by ${lastOf('dataMb')}) as data_mb_median,
         array[${monthSums}] as spend_by_month
    from subscriber_scores s
   where ${sql.join(conditions, sql` and `)}
   group by grouping sets ((s.tier, s.city), ())
   order by total, subscribers desc, s.tier, s.city`;
}

type RawSegmentRow = {
  tier: string | null;
  city: string | null;
  total: boolean;
  subscribers: number;
  arpu_mean_fen: number | null;
  arpu_median_fen: number | null;
  voice_fen: number;
  data_fen: number;
  value_added_fen: number;
  mixed_spend_fen: number;
  minutes_median: number | null;
  data_mb_median: number | null;
  spend_by_month: unknown;
};

export async function aggregateSegments(
  engine: Engine,
  runId: number,
  filter: SegmentFilter,
  scope: SQL | undefined,
): Promise<SegmentAggregateRow[]> {
  const rows = await run<RawSegmentRow>(engine, segmentAggregateSql(runId, filter, scope));
  return rows.map((row) => ({
    tier: row.tier,
    city: row.city,
    total: row.total,
    subscribers: Number(row.subscribers),
    arpuMeanFen: nullableNumber(row.arpu_mean_fen),
    arpuMedianFen: nullableNumber(row.arpu_median_fen),
    voiceFen: Number(row.voice_fen),
    dataFen: Number(row.data_fen),
    valueAddedFen: Number(row.value_added_fen),
    mixedSpendFen: Number(row.mixed_spend_fen),
    minutesMedian: nullableNumber(row.minutes_median),
    dataMbMedian: nullableNumber(row.data_mb_median),
    spendFenByMonth: Array.isArray(row.spend_by_month) ? row.spend_by_month.map(Number) : [],
  }));
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
