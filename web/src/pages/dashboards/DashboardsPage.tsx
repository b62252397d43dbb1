import { Flex, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlQuery } from '../../components/useUrlQuery';
import { AgentsCard } from './AgentsCard';
import { CampaignsCard } from './CampaignsCard';
import { ChurnTrendCard } from './ChurnTrendCard';
import type { DashboardName } from './DashboardCard';
import { DashboardFilterBar } from './DashboardFilterBar';
import { type DashboardFilters, filtersFromQuery } from './dashboardFilters';
import { FlowsCard } from './FlowsCard';
import { RevenueAtRiskCard } from './RevenueAtRiskCard';
import { SignalsCard } from './SignalsCard';
import { SlaCard } from './SlaCard';
import { TiersCard } from './TiersCard';

const DASHBOARDS: readonly { name: DashboardName; render: (filters: DashboardFilters) => ReactNode }[] = [
  { name: 'tiers', render: (filters) => <TiersCard filters={filters} /> },
  { name: 'flows', render: (filters) => <FlowsCard filters={filters} /> },
  { name: 'revenue-at-risk', render: (filters) => <RevenueAtRiskCard filters={filters} /> },
  { name: 'churn-trend', render: (filters) => <ChurnTrendCard filters={filters} /> },
  { name: 'signals', render: (filters) => <SignalsCard filters={filters} /> },
  { name: 'campaigns', render: (filters) => <CampaignsCard filters={filters} /> },
  { name: 'sla', render: (filters) => <SlaCard filters={filters} /> },
  { name: 'agents', render: (filters) => <AgentsCard filters={filters} /> },
];

const KEYS = ['tab', 'city', 'tier', 'from', 'to'] as const;

/**
 * The business dashboards for admins, leads and analysts: one tab per dashboard under one filter bar.
 * The tab and the filters live in the URL, so a link shows the same view to a colleague.
 */
export function DashboardsPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useUrlQuery(KEYS);
  const filters = filtersFromQuery(query);
  const tab = DASHBOARDS.find((d) => d.name === query.tab)?.name ?? 'tiers';

  return (
    <Flex vertical gap={16} data-testid="dashboards-page">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dashboards.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('dashboards.subtitle')}</Typography.Text>
      </Flex>
      <DashboardFilterBar
        filters={filters}
        onChange={(patch) => setQuery(patch)}
        onReset={() => setQuery({ city: null, tier: null, from: null, to: null })}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setQuery({ tab: key })}
        destroyOnHidden
        items={DASHBOARDS.map((dashboard) => ({
          key: dashboard.name,
          label: (
            <span data-testid={`dashboard-tab-${dashboard.name}`}>
              {t(`dashboards.tabs.${dashboard.name}`)}
            </span>
          ),
          children: dashboard.render(filters),
        }))}
      />
    </Flex>
  );
}
