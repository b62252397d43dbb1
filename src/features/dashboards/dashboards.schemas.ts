import { z } from 'zod';
import { SLA_REPORT_DIMENSIONS } from '#src/features/tickets/reports/sla-report';
import { scoreFilterFields, timeFilterFields } from './dashboard-filters';

// Queries: strict, so a filter a dashboard does not take answers 400 naming it.

export const runDashboardQuerySchema = z.strictObject({
  ...scoreFilterFields,
  period: timeFilterFields.period.describe('The run as of this month (YYYY-MM); default the current run'),
});
export const churnTrendQuerySchema = z.strictObject({ ...scoreFilterFields, ...timeFilterFields });
export const campaignsDashboardQuerySchema = z.strictObject({
  ...scoreFilterFields,
  ...timeFilterFields,
});
export const slaDashboardQuerySchema = z.strictObject({
  ...timeFilterFields,
  by: z.enum(SLA_REPORT_DIMENSIONS).default('category'),
});
export const agentsDashboardQuerySchema = z.strictObject({ ...timeFilterFields });

const interval = z.object({ low: z.number(), high: z.number() });
const share = z.number().nullable().describe('Part of the filtered whole (0..1); null when the whole is 0');

const groupTotals = z.object({
  key: z.string(),
  subscribers: z.number().int(),
  share,
  revenueFen: z.number().describe('Monthly revenue: sum of 3-month ARPU, fen'),
  revenueAtRiskFen: z.number(),
});

export const tiersDashboardSchema = z
  .object({
    runId: z.number().int(),
    asOf: z.string(),
    previousRunId: z.number().int().nullable().describe('The previous month’s run; null with one run'),
    previousAsOf: z.string().nullable(),
    total: z.object({ subscribers: z.number().int(), revenueFen: z.number(), revenueAtRiskFen: z.number() }),
    byTier: z.array(groupTotals),
    byStage: z.array(groupTotals),
    flows: z
      .array(
        z.object({
          from: z.string().nullable().describe('Tier in the previous run; null: not scored then (new)'),
          to: z.string().nullable().describe('Tier in the current run; null: no longer scored'),
          subscribers: z.number().int(),
        }),
      )
      .describe(
        'Tier → tier counts for a Sankey; with tier/city filters a flow counts when either end matches',
      ),
  })
  .meta({ id: 'TiersDashboard' });

export const revenueAtRiskDashboardSchema = z
  .object({
    runId: z.number().int(),
    asOf: z.string(),
    total: z.object({
      subscribers: z.number().int(),
      atRisk: z.number().int().describe('Subscribers with revenue at risk > 0'),
      withSignal: z.number().int(),
      revenueAtRiskFen: z.number(),
    }),
    byTier: z.array(
      z.object({
        tier: z.string(),
        subscribers: z.number().int(),
        atRisk: z.number().int(),
        revenueAtRiskFen: z.number(),
        shareOfRevenueAtRisk: share,
      }),
    ),
    bySignal: z.array(
      z.object({
        code: z.string(),
        subscribers: z.number().int(),
        revenueAtRiskFen: z.number(),
        shareOfRevenueAtRisk: share,
      }),
    ),
    signalsOverlap: z
      .literal(true)
      .describe('A subscriber with several signals counts under each: bySignal does not add up to the total'),
  })
  .meta({ id: 'RevenueAtRiskDashboard' });

export const signalsDashboardSchema = z
  .object({
    runId: z.number().int(),
    asOf: z.string(),
    scored: z.number().int(),
    withAnySignal: z.number().int(),
    tiers: z.array(z.object({ tier: z.string(), scored: z.number().int() })),
    signals: z.array(
      z.object({
        code: z.string(),
        subscribers: z.number().int(),
        share,
        byTier: z.array(z.object({ tier: z.string(), subscribers: z.number().int(), share })),
      }),
    ),
  })
  .meta({ id: 'SignalsDashboard' });

export const churnTrendDashboardSchema = z
  .object({
    points: z.array(
      z.object({
        runId: z.number().int(),
        asOf: z.string(),
        month: z.string(),
        horizonMonths: z.number().int(),
        windowEnd: z.string().describe('Last day of the model horizon after as-of'),
        observedUntil: z.string(),
        complete: z.boolean().describe('false while the horizon is still open: actual churn is partial'),
        scored: z.number().int(),
        predictedChurners: z.number().describe('Sum of churn probabilities'),
        predictedRate: z.number().nullable().describe('Mean churn probability'),
        actualChurners: z
          .number()
          .int()
          .describe('Scored subscribers whose status history shows churn in the window'),
        actualRate: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'ChurnTrendDashboard' });

const rate = z.object({
  events: z.number().int(),
  trials: z.number().int(),
  rate: z.number().nullable(),
  interval,
});
const armFunnel = z.object({
  members: z.number().int(),
  contacted: z.number().int(),
  reached: z.number().int(),
  accepted: z.number().int(),
  churned: z.number().int(),
  contactRate: z.number().nullable(),
  reachRate: z.number().nullable(),
  acceptanceRate: z.number().nullable().describe('accepted / reached'),
  churn: rate,
});

export const campaignsDashboardSchema = z
  .object({
    asOf: z.string(),
    minimumPerArm: z.number().int(),
    campaigns: z.array(
      z.object({
        campaignId: z.number().int(),
        name: z.string(),
        kind: z.string(),
        campaignStatus: z.string(),
        launchDay: z.string(),
        observedUntil: z.string(),
        resultsStatus: z.enum(['not_enough_data', 'interim', 'final']),
        treatment: armFunnel,
        holdout: armFunnel.describe('Never contacted by the campaign: contacted should stay 0'),
        uplift: z
          .object({ difference: z.number(), interval })
          .nullable()
          .describe("Holdout churn − treated churn, Newcombe's 95% interval; null below the minimum per arm"),
      }),
    ),
  })
  .meta({ id: 'CampaignsDashboard' });

const agentFigures = {
  calls: z.number().int(),
  reached: z.number().int(),
  reachRate: z.number().nullable(),
  accepted: z.number().int(),
  acceptanceRate: z.number().nullable(),
  averageHandleSeconds: z.number().nullable(),
  callbacks: z.number().int(),
  complaints: z.number().int(),
  saves: z
    .number()
    .int()
    .describe('Distinct subscribers who accepted an offer on the agent’s call and have not churned since'),
};

export const agentsDashboardSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    teamId: z.number().int().nullable(),
    totals: z.object({ ...agentFigures, agents: z.number().int() }),
    leaderboard: z.array(
      z.object({
        rank: z.number().int().describe('By saves, then accepted, reach rate, calls; ties share a rank'),
        agentUserId: z.number().int(),
        displayName: z.string(),
        teamName: z.string().nullable(),
        ...agentFigures,
      }),
    ),
  })
  .meta({ id: 'AgentsDashboard' });
