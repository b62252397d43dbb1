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
export const ScoringRunsPage = lazy(() =>
  import('../pages/scoring/ScoringRunsPage').then((m) => ({ default: m.ScoringRunsPage })),
);
