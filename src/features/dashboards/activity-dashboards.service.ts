import type { DbHandle } from '#src/db/client';
import type { Actor } from '#src/features/auth/actor';
import { agentKpis } from '#src/features/calls/agent-kpis.service';
import { campaignScopeOf } from '#src/features/campaigns/campaign-access';
import { resultsStatus } from '#src/features/campaigns/campaign-results';
import { DEFAULT_MINIMUM_PER_ARM } from '#src/features/campaigns/campaign-results.service';
import type { SlaReportDimension } from '#src/features/tickets/reports/sla-report';
import { getSlaReport } from '#src/features/tickets/reports/sla-report.service';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import { countSavesByAgent } from './agent-saves.repository';
import { countCampaignFunnels } from './campaign-funnels.repository';
import { compareArms, rankAgents } from './dashboard-figures';
import { boundedRange, requestedRange, type ScoreFilter, type TimeFilter } from './dashboard-filters';

/** Dashboards over work done: campaign funnels, SLA on-time rates, agent KPIs and the leaderboard. */

type Context = { timeZone: string; now: Date };

/** The default period of the activity dashboards: the last 30 days. */
export const DEFAULT_DASHBOARD_DAYS = 30;

export async function campaignsDashboard(
  handle: DbHandle,
  actor: Actor,
  query: ScoreFilter & TimeFilter,
  context: Context,
) {
  const today = todayIn(context.timeZone, context.now);
  const launched = requestedRange(query);
  const rows = await countCampaignFunnels(handle.engine, {
    timeZone: context.timeZone,
    today,
    scope: campaignScopeOf(actor),
    launched: { from: launched.from, to: launched.to },
    filter: query,
  });
  return {
    asOf: today,
    minimumPerArm: DEFAULT_MINIMUM_PER_ARM,
    campaigns: rows.map((row) => {
      const arms = {
        treatment: { ...row.arms.treatment, arpuChange: { n: 0, mean: 0, variance: 0 }, offerCostFen: 0 },
        holdout: { ...row.arms.holdout, arpuChange: { n: 0, mean: 0, variance: 0 }, offerCostFen: 0 },
      };
      const status = resultsStatus({
        arms,
        minimumPerArm: DEFAULT_MINIMUM_PER_ARM,
        launchDay: row.launchDay,
        outcomeWindowDays: row.outcomeWindowDays,
        asOf: today,
      });
      return {
        campaignId: row.campaignId,
        name: row.name,
        kind: row.kind,
        campaignStatus: row.status,
        launchDay: row.launchDay,
        observedUntil: row.until,
        resultsStatus: status.status,
        ...compareArms(row.arms, DEFAULT_MINIMUM_PER_ARM),
      };
    }),
  };
}

export async function slaDashboard(
  handle: DbHandle,
  query: TimeFilter & { by?: SlaReportDimension | undefined },
  context: Context,
) {
  const range = boundedRange(query, todayIn(context.timeZone, context.now), DEFAULT_DASHBOARD_DAYS);
  return getSlaReport(handle.engine, { from: range.from, to: range.to, by: query.by }, context);
}

function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1), timeZone));
}

export async function agentsDashboard(handle: DbHandle, actor: Actor, query: TimeFilter, context: Context) {
  const range = boundedRange(query, todayIn(context.timeZone, context.now), DEFAULT_DASHBOARD_DAYS);
  const kpis = await agentKpis(handle.db, actor, range, context);
  const saves =
    actor.role === 'lead' && kpis.teamId === null
      ? new Map<number, number>()
      : await countSavesByAgent(
          handle.engine,
          {
            from: dayStart(range.from, context.timeZone),
            to: dayStart(addDays(range.to, 1), context.timeZone),
          },
          kpis.teamId,
          context.timeZone,
        );
  const items = rankAgents(kpis.items.map((item) => ({ ...item, saves: saves.get(item.agentUserId) ?? 0 })));
  let totalSaves = 0;
  for (const item of items) totalSaves += item.saves;
  return {
    from: kpis.from,
    to: kpis.to,
    teamId: kpis.teamId,
    totals: { ...kpis.totals, saves: totalSaves, agents: items.length },
    leaderboard: items,
  };
}
