import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { SubscriberScope } from '#src/features/auth/subscriber-scope';
import type { ScoreFilter } from './dashboard-filters';
import { SqlParams } from './score-conditions';

/**
 * The tiers, revenue-at-risk and signals dashboards, read from a run's rollups (a few thousand
 * rows written when the run was published; see score-rollups.repository.ts) instead of its million
 * scores. Same figures as aggregating subscriber_scores, except that a lead's team is the book team
 * at scoring time.
 */

export type GroupTotals = { key: string; subscribers: number; revenueFen: number; revenueAtRiskFen: number };
export type Distribution = { total: GroupTotals; byTier: GroupTotals[]; byStage: GroupTotals[] };

/**
 * The scope on a rollup's team: a lead counts their team's books. Rollups keep no agent, so an
 * agent's book scope (agents have no analytics.read anyway) sees nothing rather than everything.
 */
function rollupScopeSql(scope: SubscriberScope, alias: string, params: SqlParams): string | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'team':
      return `${alias}.team_id = ${params.add(scope.teamId)}::int`;
    case 'book':
    case 'none':
      return 'false';
  }
}

/** Run, region, tier and scope over one rollup alias, as a WHERE clause body. */
function rollupWhere(
  alias: string,
  runId: number,
  filter: ScoreFilter,
  scope: SubscriberScope,
  params: SqlParams,
) {
  const conditions = [`${alias}.run_id = ${params.add(runId)}::int`];
  if (filter.city !== undefined) conditions.push(`${alias}.city = ${params.add(filter.city)}::text`);
  if (filter.tier !== undefined) conditions.push(`${alias}.tier = ${params.add(filter.tier)}::text`);
  const scoped = rollupScopeSql(scope, alias, params);
  if (scoped) conditions.push(scoped);
  return conditions.join(' and ');
}

type GroupRow = {
  dim: 'tier' | 'stage' | 'total';
  key: string | null;
  n: number;
  revenue: number;
  at_risk: number;
};

const totals = (row: GroupRow): GroupTotals => ({
  key: row.key ?? '',
  subscribers: Number(row.n),
  revenueFen: Number(row.revenue),
  revenueAtRiskFen: Number(row.at_risk),
});

/** Subscribers, monthly revenue (3-month ARPU) and revenue at risk per tier, per stage and overall. */
export async function countByTierAndStage(
  engine: Engine,
  runId: number,
  filter: ScoreFilter,
  scope: SubscriberScope,
): Promise<Distribution> {
  const params = new SqlParams();
  const where = rollupWhere('r', runId, filter, scope, params);
  // `tier is not null`: rows of subscribers who left are flows only.
  const rows = await queryRows<GroupRow>(
    engine,
    `select case when grouping(r.tier) = 0 then 'tier' when grouping(r.lifecycle_stage) = 0 then 'stage' else 'total' end as dim,
            coalesce(r.tier, r.lifecycle_stage) as key,
            coalesce(sum(r.subscribers), 0)::int as n,
            coalesce(sum(r.arpu3_fen_sum), 0)::float8 as revenue,
            coalesce(sum(r.revenue_at_risk_fen_sum), 0)::float8 as at_risk
       from score_rollups r
      where ${where} and r.tier is not null
      group by grouping sets ((r.tier), (r.lifecycle_stage), ())`,
    params.values,
  );
  const total = rows.find((r) => r.dim === 'total');
  return {
    total: total ? totals(total) : { key: '', subscribers: 0, revenueFen: 0, revenueAtRiskFen: 0 },
    byTier: rows.filter((r) => r.dim === 'tier').map(totals),
    byStage: rows.filter((r) => r.dim === 'stage').map(totals),
  };
}

export type TierFlow = { from: string | null; to: string | null; subscribers: number };

/**
 * Subscribers by (tier in the previous run, tier in this run): null on the left for subscribers new
 * in this run, on the right for those no longer scored. The tier filter keeps a flow when either end
 * matches (a tier's Sankey shows what flows in and out of it); the region is the current city, or
 * the previous one for those who left.
 */
export async function countTierFlows(
  engine: Engine,
  runId: number,
  filter: ScoreFilter,
  scope: SubscriberScope,
): Promise<TierFlow[]> {
  const params = new SqlParams();
  const where = rollupWhere('r', runId, { city: filter.city }, scope, params);
  const tier =
    filter.tier === undefined ? '' : ` and ${params.add(filter.tier)}::text in (r.tier, r.previous_tier)`;
  const rows = await queryRows<{ from_tier: string | null; to_tier: string | null; n: number }>(
    engine,
    `select r.previous_tier as from_tier, r.tier as to_tier, sum(r.subscribers)::int as n
       from score_rollups r
      where ${where}${tier}
      group by 1, 2`,
    params.values,
  );
  return rows.map((r) => ({ from: r.from_tier, to: r.to_tier, subscribers: Number(r.n) }));
}

export type SignalTotals = {
  code: string;
  tier: string | null;
  subscribers: number;
  revenueAtRiskFen: number;
};

/**
 * Subscribers and revenue at risk per churn signal, overall (tier null) and per tier. A subscriber
 * with several signals counts once under each of them, so the codes do not add up to the total.
 */
export async function countBySignal(
  engine: Engine,
  runId: number,
  filter: ScoreFilter,
  scope: SubscriberScope,
): Promise<SignalTotals[]> {
  const params = new SqlParams();
  const where = rollupWhere('r', runId, filter, scope, params);
  const rows = await queryRows<{ code: string; tier: string | null; n: number; at_risk: number }>(
    engine,
    `select r.signal_code as code, case when grouping(r.tier) = 0 then r.tier end as tier,
            sum(r.subscribers)::int as n, coalesce(sum(r.revenue_at_risk_fen_sum), 0)::float8 as at_risk
       from score_signal_rollups r
      where ${where}
      group by grouping sets ((r.signal_code), (r.signal_code, r.tier))`,
    params.values,
  );
  return rows.map((r) => ({
    code: r.code,
    tier: r.tier,
    subscribers: Number(r.n),
    revenueAtRiskFen: Number(r.at_risk),
  }));
}

export type RiskByTier = {
  tier: string | null;
  subscribers: number;
  withSignal: number;
  atRisk: number;
  revenueAtRiskFen: number;
};

/** Per tier and overall (tier null): scored, with any signal, with revenue at risk, and its sum. */
export async function sumRiskByTier(
  engine: Engine,
  runId: number,
  filter: ScoreFilter,
  scope: SubscriberScope,
): Promise<RiskByTier[]> {
  const params = new SqlParams();
  const where = rollupWhere('r', runId, filter, scope, params);
  const rows = await queryRows<{
    tier: string | null;
    n: number;
    signalled: number;
    at_risk_n: number;
    at_risk: number;
  }>(
    engine,
    `select case when grouping(r.tier) = 0 then r.tier end as tier,
            coalesce(sum(r.subscribers), 0)::int as n,
            coalesce(sum(r.with_signal), 0)::int as signalled,
            coalesce(sum(r.at_risk), 0)::int as at_risk_n,
            coalesce(sum(r.revenue_at_risk_fen_sum), 0)::float8 as at_risk
       from score_rollups r
      where ${where} and r.tier is not null
      group by grouping sets ((r.tier), ())`,
    params.values,
  );
  return rows.map((r) => ({
    tier: r.tier,
    subscribers: Number(r.n),
    withSignal: Number(r.signalled),
    atRisk: Number(r.at_risk_n),
    revenueAtRiskFen: Number(r.at_risk),
  }));
}
