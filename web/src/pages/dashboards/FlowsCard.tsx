import { Table } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TierFlow, TiersDashboard } from '../../api/types-dashboards';
import { formatNumber } from '../../format/format';
import { codeLabel } from './codeLabel';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import type { DashboardFilters } from './dashboardFilters';
import { flowsOption } from './flowsOption';
import { useTiersDashboard } from './TiersCard';

/** Month-over-month tier flows (Sankey): where last month's tiers went. */
export function FlowsCard({ filters }: { filters: DashboardFilters }) {
  const query = useTiersDashboard(filters);
  return (
    <DashboardQuery name="flows" query={query}>
      {(data) => <FlowsView data={data} />}
    </DashboardQuery>
  );
}

function FlowsView({ data }: { data: TiersDashboard }) {
  const { t } = useTranslation();
  const previous = data.previousAsOf ?? '';
  // A missing end means the subscriber was not scored in that run (new, or gone since).
  const endLabel = useCallback(
    (tier: string | null, side: 'from' | 'to') =>
      tier === null
        ? t(`dashboards.flows.${side === 'from' ? 'newlyScored' : 'notScored'}`)
        : codeLabel(t, 'tier', tier),
    [t],
  );
  const option = useMemo(
    () =>
      flowsOption(data.flows, {
        tier: (tier, side) => `${endLabel(tier, side)} (${side === 'from' ? data.previousAsOf : data.asOf})`,
      }),
    [data, endLabel],
  );
  const onlyOneRun = data.previousRunId === null || data.flows.length === 0;
  return (
    <DashboardCard
      name="flows"
      title={`${t('dashboards.flows.title')} · ${previous ? `${previous} → ` : ''}${data.asOf}`}
      option={option}
      height={420}
      empty={onlyOneRun ? t('dashboards.flows.onlyOneRun') : null}
      note={t('dashboards.flows.note')}
      table={
        <Table<TierFlow>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.from}-${r.to}`}
          dataSource={data.flows}
          columns={[
            {
              title: t('dashboards.flows.from', { month: previous }),
              key: 'from',
              render: (_, r) => endLabel(r.from, 'from'),
            },
            {
              title: t('dashboards.flows.to', { month: data.asOf }),
              key: 'to',
              render: (_, r) => endLabel(r.to, 'to'),
            },
            {
              title: t('dashboards.flows.count'),
              dataIndex: 'subscribers',
              align: 'right',
              render: formatNumber,
            },
          ]}
        />
      }
      csv={() => ({
        filename: `dashboard-tier-flows-${previous || 'none'}-${data.asOf}.csv`,
        headers: [
          t('dashboards.flows.from', { month: previous }),
          t('dashboards.flows.to', { month: data.asOf }),
          'from',
          'to',
          t('dashboards.flows.count'),
        ],
        rows: data.flows.map((f) => [
          endLabel(f.from, 'from'),
          endLabel(f.to, 'to'),
          f.from,
          f.to,
          f.subscribers,
        ]),
      })}
    />
  );
}
