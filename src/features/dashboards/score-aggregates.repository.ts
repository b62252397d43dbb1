import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { SubscriberScope } from '#src/features/auth/subscriber-scope';
import type { ScoreFilter } from './dashboard-filters';
import { andAll, SqlParams, scoreConditions } from './score-conditions';

/**
 * The churn trend's aggregates over subscriber_scores (several runs, joined to churn periods by
 * subscriber, so they cannot come from the rollups). With the covering index of migration 0011
 * ((run_id, subscriber_id) INCLUDE the columns read here) each is an index-only scan of the runs.
 * The tiers, revenue-at-risk and signals dashboards read rollups: rollup-aggregates.repository.ts.
 */

export type RunPrediction = { runId: number; scored: number; predicted: number };

/** Scored subscribers and the sum of their churn probabilities, per run. */
export async function sumPredictedChurn(
  engine: Engine,
  runIds: readonly number[],
  filter: ScoreFilter,
  scope: SubscriberScope,
): Promise<RunPrediction[]> {
  const params = new SqlParams();
  const runs = params.add(runIds);
  const where = andAll(scoreConditions('s', filter, scope, params));
  const rows = await queryRows<{ run_id: number; n: number; predicted: number }>(
    engine,
    `select s.run_id, count(*)::int as n, coalesce(sum(s.probability), 0)::float8 as predicted
       from subscriber_scores s
      where s.run_id = any(${runs}::int[])${where}
      group by s.run_id`,
    params.values,
  );
  return rows.map((r) => ({ runId: Number(r.run_id), scored: Number(r.n), predicted: Number(r.predicted) }));
}

export type ChurnWindow = { runId: number; asOf: string; until: string };

/**
 * Per run, the scored subscribers whose status history shows them churned after the run's as-of
 * day and on or before `until` (the horizon's end, or today while it is open). Driven from the
 * churn periods, which are few, into the run's scores by key.
 */
export async function countObservedChurn(
  engine: Engine,
  windows: readonly ChurnWindow[],
  filter: ScoreFilter,
  scope: SubscriberScope,
): Promise<{ runId: number; churned: number }[]> {
  if (windows.length === 0) return [];
  const params = new SqlParams();
  const ids = params.add(windows.map((w) => w.runId));
  const asOfs = params.add(windows.map((w) => w.asOf));
  const untils = params.add(windows.map((w) => w.until));
  const where = andAll(scoreConditions('s', filter, scope, params));
  const rows = await queryRows<{ run_id: number; n: number }>(
    engine,
    `with w as (
       select * from unnest(${ids}::int[], ${asOfs}::date[], ${untils}::date[]) as w(run_id, as_of, until)
     ), churned as (
       select distinct w.run_id, h.subscriber_id
         from subscriber_status_history h
         join w on h.valid_from > w.as_of and h.valid_from <= w.until
        where h.status = 'churned'
          and h.valid_from > (select min(as_of) from w) and h.valid_from <= (select max(until) from w)
     )
     select s.run_id, count(*)::int as n
       from churned c
       join subscriber_scores s on s.subscriber_id = c.subscriber_id and s.run_id = c.run_id
      where true${where}
      group by s.run_id`,
    params.values,
  );
  return rows.map((r) => ({ runId: Number(r.run_id), churned: Number(r.n) }));
}
