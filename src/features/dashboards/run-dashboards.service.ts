import type { Engine } from '#src/db/client';
import type { Actor } from '#src/features/auth/actor';
import { subscriberScopeOf } from '#src/features/auth/subscriber-scope';
import { AppError } from '#src/lib/app-error';
import { todayIn } from '#src/lib/time';
import {
  canonicalOrder,
  churnWindow,
  SIGNAL_ORDER,
  STAGE_ORDER,
  share,
  TIER_ORDER,
} from './dashboard-figures';
import { requestedRange, type ScoreFilter, type TimeFilter } from './dashboard-filters';
import { type DashboardRun, findDashboardRun, findTrendRuns } from './dashboard-runs.repository';
import {
  countBySignal,
  countByTierAndStage,
  countTierFlows,
  type GroupTotals,
  sumRiskByTier,
} from './rollup-aggregates.repository';
import { countObservedChurn, sumPredictedChurn } from './score-aggregates.repository';
import { ensureScoreRollups } from './score-rollups.repository';

/**
 * Dashboards over scoring runs (tiers and flows, revenue at risk, signals, churn trend). A lead
 * counts only their team's books; admins and analysts everyone (subscriberScopeOf). Tiers, revenue
 * at risk and signals read the run's rollups (written at publish, or once here for older runs), so
 * for them a lead's team is the book team when the run was scored; the churn trend reads the scores.
 */

export type RunQuery = ScoreFilter & { period?: string | undefined };
type Context = { timeZone: string; now: Date };

async function requireRun(engine: Engine, period: string | undefined): Promise<DashboardRun> {
  const range = requestedRange({ period });
  const run = await findDashboardRun(
    engine,
    range.given ? { from: range.from ?? '', to: range.to ?? '' } : null,
  );
  if (run) return run;
  throw new AppError(
    'NOT_FOUND',
    period ? `No succeeded scoring run as of ${period}` : 'No succeeded scoring run yet: run scoring first',
  );
}

const withShare = (whole: number) => (g: GroupTotals) => ({
  ...g,
  share: share(g.subscribers, whole),
});

export async function tiersDashboard(engine: Engine, actor: Actor, query: RunQuery) {
  const scope = subscriberScopeOf(actor);
  const run = await requireRun(engine, query.period);
  // The previous run is the one the rollups' flows were computed against.
  const rollups = await ensureScoreRollups(engine, run.id);
  const [distribution, flows] = await Promise.all([
    countByTierAndStage(engine, run.id, query, scope),
    rollups.previousRunId !== null ? countTierFlows(engine, run.id, query, scope) : Promise.resolve([]),
  ]);
  const whole = distribution.total.subscribers;
  const flowKey = (f: { from: string | null; to: string | null }) => `${f.from ?? '~'}>${f.to ?? '~'}`;
  const tierRank = (t: string | null) =>
    t === null ? TIER_ORDER.length + 1 : Math.max(0, TIER_ORDER.indexOf(t));
  return {
    runId: run.id,
    asOf: run.asOf,
    previousRunId: rollups.previousRunId,
    previousAsOf: rollups.previousAsOf,
    total: {
      subscribers: whole,
      revenueFen: distribution.total.revenueFen,
      revenueAtRiskFen: distribution.total.revenueAtRiskFen,
    },
    byTier: canonicalOrder(distribution.byTier, (g) => g.key, TIER_ORDER).map(withShare(whole)),
    byStage: canonicalOrder(distribution.byStage, (g) => g.key, STAGE_ORDER).map(withShare(whole)),
    flows: [...flows].sort(
      (a, b) =>
        tierRank(a.from) - tierRank(b.from) ||
        tierRank(a.to) - tierRank(b.to) ||
        flowKey(a).localeCompare(flowKey(b)),
    ),
  };
}

export async function revenueAtRiskDashboard(engine: Engine, actor: Actor, query: RunQuery) {
  const scope = subscriberScopeOf(actor);
  const run = await requireRun(engine, query.period);
  await ensureScoreRollups(engine, run.id);
  const [byTier, bySignal] = await Promise.all([
    sumRiskByTier(engine, run.id, query, scope),
    countBySignal(engine, run.id, query, scope),
  ]);
  const overall = byTier.find((r) => r.tier === null) ?? {
    tier: null,
    subscribers: 0,
    withSignal: 0,
    atRisk: 0,
    revenueAtRiskFen: 0,
  };
  const whole = overall.revenueAtRiskFen;
  return {
    runId: run.id,
    asOf: run.asOf,
    total: {
      subscribers: overall.subscribers,
      atRisk: overall.atRisk,
      withSignal: overall.withSignal,
      revenueAtRiskFen: whole,
    },
    byTier: canonicalOrder(
      byTier.filter((r) => r.tier !== null),
      (r) => r.tier ?? '',
      TIER_ORDER,
    ).map((r) => ({
      tier: r.tier ?? '',
      subscribers: r.subscribers,
      atRisk: r.atRisk,
      revenueAtRiskFen: r.revenueAtRiskFen,
      shareOfRevenueAtRisk: share(r.revenueAtRiskFen, whole),
    })),
    bySignal: canonicalOrder(
      bySignal.filter((r) => r.tier === null),
      (r) => r.code,
      SIGNAL_ORDER,
    ).map((r) => ({
      code: r.code,
      subscribers: r.subscribers,
      revenueAtRiskFen: r.revenueAtRiskFen,
      shareOfRevenueAtRisk: share(r.revenueAtRiskFen, whole),
    })),
    signalsOverlap: true as const,
  };
}

export async function signalsDashboard(engine: Engine, actor: Actor, query: RunQuery) {
  const scope = subscriberScopeOf(actor);
  const run = await requireRun(engine, query.period);
  await ensureScoreRollups(engine, run.id);
  const [byTier, bySignal] = await Promise.all([
    sumRiskByTier(engine, run.id, query, scope),
    countBySignal(engine, run.id, query, scope),
  ]);
  const tierSize = new Map(byTier.map((r) => [r.tier, r.subscribers]));
  const scored = tierSize.get(null) ?? 0;
  const tiers = canonicalOrder(
    byTier.filter((r) => r.tier !== null).map((r) => r.tier ?? ''),
    (t) => t,
    TIER_ORDER,
  );
  const overall = canonicalOrder(
    bySignal.filter((r) => r.tier === null),
    (r) => r.code,
    SIGNAL_ORDER,
  );
  return {
    runId: run.id,
    asOf: run.asOf,
    scored,
    withAnySignal: byTier.find((r) => r.tier === null)?.withSignal ?? 0,
    tiers: tiers.map((tier) => ({ tier, scored: tierSize.get(tier) ?? 0 })),
    signals: overall.map((signal) => ({
      code: signal.code,
      subscribers: signal.subscribers,
      share: share(signal.subscribers, scored),
      byTier: tiers.map((tier) => {
        const n = bySignal.find((r) => r.code === signal.code && r.tier === tier)?.subscribers ?? 0;
        return { tier, subscribers: n, share: share(n, tierSize.get(tier) ?? 0) };
      }),
    })),
  };
}

/** The most runs one trend draws (two years of monthly runs). */
export const MAX_TREND_RUNS = 24;

export async function churnTrendDashboard(
  engine: Engine,
  actor: Actor,
  query: ScoreFilter & TimeFilter,
  context: Context,
) {
  const scope = subscriberScopeOf(actor);
  const range = requestedRange(query);
  const runs = await findTrendRuns(
    engine,
    { from: range.from ?? null, to: range.to ?? null },
    MAX_TREND_RUNS,
  );
  const today = todayIn(context.timeZone, context.now);
  const windows = runs.map((run) => ({ run, ...churnWindow(run.asOf, run.horizonMonths, today) }));
  const ids = runs.map((r) => r.id);
  const [predicted, observed] = await Promise.all([
    sumPredictedChurn(engine, ids, query, scope),
    countObservedChurn(
      engine,
      windows
        .filter((w) => w.observedUntil > w.run.asOf)
        .map((w) => ({ runId: w.run.id, asOf: w.run.asOf, until: w.observedUntil })),
      query,
      scope,
    ),
  ]);
  return {
    points: windows.map(({ run, windowEnd, observedUntil, complete }) => {
      const p = predicted.find((x) => x.runId === run.id);
      const scored = p?.scored ?? 0;
      const actual = observed.find((x) => x.runId === run.id)?.churned ?? 0;
      return {
        runId: run.id,
        asOf: run.asOf,
        month: run.asOf.slice(0, 7),
        horizonMonths: run.horizonMonths,
        windowEnd,
        observedUntil,
        complete,
        scored,
        predictedChurners: p?.predicted ?? 0,
        predictedRate: share(p?.predicted ?? 0, scored),
        actualChurners: actual,
        actualRate: share(actual, scored),
      };
    }),
  };
}
