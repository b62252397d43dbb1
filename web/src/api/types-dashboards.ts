// Mirrors src/features/dashboards/dashboards.schemas.ts (GET /api/dashboards/*, analytics.read).
// Money in fen; shares and rates 0..1 (null when the whole is 0).
import type { SlaReport, SlaReportBy } from './types-service';

export type { SlaReport, SlaReportBy };

export type RateInterval = { low: number; high: number };

export type GroupTotals = {
  key: string;
  subscribers: number;
  share: number | null;
  /** Monthly revenue: sum of 3-month ARPU, fen. */
  revenueFen: number;
  revenueAtRiskFen: number;
};

export type TierFlow = {
  /** Tier in the previous run; null: not scored then (new). */
  from: string | null;
  /** Tier in the current run; null: no longer scored. */
  to: string | null;
  subscribers: number;
};

export type TiersDashboard = {
  runId: number;
  asOf: string;
  /** The previous month's run; null with one run. */
  previousRunId: number | null;
  previousAsOf: string | null;
  total: { subscribers: number; revenueFen: number; revenueAtRiskFen: number };
  byTier: GroupTotals[];
  byStage: GroupTotals[];
  flows: TierFlow[];
};

export type RevenueAtRiskDashboard = {
  runId: number;
  asOf: string;
  total: { subscribers: number; atRisk: number; withSignal: number; revenueAtRiskFen: number };
  byTier: {
    tier: string;
    subscribers: number;
    atRisk: number;
    revenueAtRiskFen: number;
    shareOfRevenueAtRisk: number | null;
  }[];
  bySignal: {
    code: string;
    subscribers: number;
    revenueAtRiskFen: number;
    shareOfRevenueAtRisk: number | null;
  }[];
  /** A subscriber with several signals counts under each: bySignal does not add up to the total. */
  signalsOverlap: true;
};

export type SignalsDashboard = {
  runId: number;
  asOf: string;
  scored: number;
  withAnySignal: number;
  tiers: { tier: string; scored: number }[];
  signals: {
    code: string;
    subscribers: number;
    share: number | null;
    byTier: { tier: string; subscribers: number; share: number | null }[];
  }[];
};

export type ChurnTrendPoint = {
  runId: number;
  asOf: string;
  month: string;
  horizonMonths: number;
  windowEnd: string;
  observedUntil: string;
  /** false while the horizon is still open: actual churn is partial. */
  complete: boolean;
  scored: number;
  /** Sum of churn probabilities. */
  predictedChurners: number;
  predictedRate: number | null;
  actualChurners: number;
  actualRate: number | null;
};

export type ChurnTrendDashboard = { points: ChurnTrendPoint[] };

export type ArmRate = { events: number; trials: number; rate: number | null; interval: RateInterval };

export type ArmFunnel = {
  members: number;
  contacted: number;
  reached: number;
  accepted: number;
  churned: number;
  contactRate: number | null;
  reachRate: number | null;
  /** accepted / reached */
  acceptanceRate: number | null;
  churn: ArmRate;
};

export type CampaignFunnel = {
  campaignId: number;
  name: string;
  kind: string;
  campaignStatus: string;
  launchDay: string;
  observedUntil: string;
  resultsStatus: 'not_enough_data' | 'interim' | 'final';
  treatment: ArmFunnel;
  /** Never contacted by the campaign. */
  holdout: ArmFunnel;
  /** Holdout churn − treated churn with its 95% interval; null below the minimum per arm. */
  uplift: { difference: number; interval: RateInterval } | null;
};

export type CampaignsDashboard = { asOf: string; minimumPerArm: number; campaigns: CampaignFunnel[] };

export type AgentFigures = {
  calls: number;
  reached: number;
  reachRate: number | null;
  accepted: number;
  acceptanceRate: number | null;
  averageHandleSeconds: number | null;
  callbacks: number;
  complaints: number;
  saves: number;
};

export type AgentRow = AgentFigures & {
  /** By saves, then accepted, reach rate, calls; ties share a rank. */
  rank: number;
  agentUserId: number;
  displayName: string;
  teamName: string | null;
};

export type AgentsDashboard = {
  from: string;
  to: string;
  teamId: number | null;
  totals: AgentFigures & { agents: number };
  leaderboard: AgentRow[];
};

/** Filters of the run-based dashboards (tiers, revenue at risk, signals): the run as of `period`. */
export type RunDashboardQuery = {
  city?: string | undefined;
  tier?: string | undefined;
  period?: string | undefined;
};
export type RangeQuery = { from?: string | undefined; to?: string | undefined };
export type ScoredRangeQuery = RangeQuery & { city?: string | undefined; tier?: string | undefined };
