import { lazy } from 'react';

// Pages load on first visit: the 360 brings ECharts, the admin pages are rarely opened by agents.
export const Subscriber360Page = lazy(() =>
  import('../pages/subscriber-360/Subscriber360Page').then((m) => ({ default: m.Subscriber360Page })),
);
export const AuditPage = lazy(() =>
  import('../pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })),
);
export const UsersPage = lazy(() =>
  import('../pages/users/UsersPage').then((m) => ({ default: m.UsersPage })),
);
export const WorkbenchPage = lazy(() =>
  import('../pages/workbench/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })),
);
export const CampaignsPage = lazy(() =>
  import('../pages/campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage })),
);
export const CampaignPage = lazy(() =>
  import('../pages/campaigns/CampaignPage').then((m) => ({ default: m.CampaignPage })),
);
export const PlanPage = lazy(() => import('../pages/plan/PlanPage').then((m) => ({ default: m.PlanPage })));
export const CataloguePage = lazy(() =>
  import('../pages/catalogue/CataloguePage').then((m) => ({ default: m.CataloguePage })),
);
export const DecisionsPage = lazy(() =>
  import('../pages/decisions/DecisionsPage').then((m) => ({ default: m.DecisionsPage })),
);
export const ScoringRunsPage = lazy(() =>
  import('../pages/scoring/ScoringRunsPage').then((m) => ({ default: m.ScoringRunsPage })),
);
export const TicketsPage = lazy(() =>
  import('../pages/tickets/TicketsPage').then((m) => ({ default: m.TicketsPage })),
);
export const TicketPage = lazy(() =>
  import('../pages/tickets/TicketPage').then((m) => ({ default: m.TicketPage })),
);
export const ServicePage = lazy(() =>
  import('../pages/service/ServicePage').then((m) => ({ default: m.ServicePage })),
);
export const ServiceSettingsPage = lazy(() =>
  import('../pages/service-settings/ServiceSettingsPage').then((m) => ({ default: m.ServiceSettingsPage })),
);
export const DashboardsPage = lazy(() =>
  import('../pages/dashboards/DashboardsPage').then((m) => ({ default: m.DashboardsPage })),
);
export const SegmentConsumptionPage = lazy(() =>
  import('../pages/consumption/SegmentConsumptionPage').then((m) => ({ default: m.SegmentConsumptionPage })),
);
export const ForecastsPage = lazy(() =>
  import('../pages/forecasts/ForecastsPage').then((m) => ({ default: m.ForecastsPage })),
);
export const TargetsPage = lazy(() =>
  import('../pages/targets/TargetsPage').then((m) => ({ default: m.TargetsPage })),
);
export const DailySummaryPage = lazy(() =>
  import('../pages/daily-summary/DailySummaryPage').then((m) => ({ default: m.DailySummaryPage })),
);
export const ServiceReportPage = lazy(() =>
  import('../pages/service-report/ServiceReportPage').then((m) => ({ default: m.ServiceReportPage })),
);
