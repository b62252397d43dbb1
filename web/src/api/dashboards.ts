import { api } from './client';
import type {
  AgentsDashboard,
  CampaignsDashboard,
  ChurnTrendDashboard,
  RangeQuery,
  RevenueAtRiskDashboard,
  RunDashboardQuery,
  ScoredRangeQuery,
  SignalsDashboard,
  SlaReport,
  SlaReportBy,
  TiersDashboard,
} from './types-dashboards';

// The dashboards (analytics.read). Each endpoint refuses a filter it does not take (strict query),
// so every function sends only its own.

export const dashboardKeys = {
  all: ['dashboards'] as const,
  of: (name: string, query: object) => ['dashboards', name, query] as const,
};

export function fetchTiersDashboard(query: RunDashboardQuery): Promise<TiersDashboard> {
  return api.get<TiersDashboard>('/api/dashboards/tiers', query);
}

export function fetchRevenueAtRiskDashboard(query: RunDashboardQuery): Promise<RevenueAtRiskDashboard> {
  return api.get<RevenueAtRiskDashboard>('/api/dashboards/revenue-at-risk', query);
}

export function fetchSignalsDashboard(query: RunDashboardQuery): Promise<SignalsDashboard> {
  return api.get<SignalsDashboard>('/api/dashboards/signals', query);
}

export function fetchChurnTrendDashboard(query: ScoredRangeQuery): Promise<ChurnTrendDashboard> {
  return api.get<ChurnTrendDashboard>('/api/dashboards/churn-trend', query);
}

export function fetchCampaignsDashboard(query: ScoredRangeQuery): Promise<CampaignsDashboard> {
  return api.get<CampaignsDashboard>('/api/dashboards/campaigns', query);
}

export function fetchSlaDashboard(query: RangeQuery & { by: SlaReportBy }): Promise<SlaReport> {
  return api.get<SlaReport>('/api/dashboards/sla', query);
}

export function fetchAgentsDashboard(query: RangeQuery): Promise<AgentsDashboard> {
  return api.get<AgentsDashboard>('/api/dashboards/agents', query);
}
