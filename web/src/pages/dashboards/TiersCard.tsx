import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardKeys, fetchTiersDashboard } from '../../api/dashboards';
import type { GroupTotals, TiersDashboard } from '../../api/types-dashboards';
import { formatNumber, formatPercent, formatYuan } from '../../format/format';
import { fenToWholeYuan } from './chartFormat';
import { codeLabel } from './codeLabel';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import { type DashboardFilters, runQuery } from './dashboardFilters';
import { tiersOption } from './tiersOption';

type Row = GroupTotals & { kind: 'tier' | 'lifecycle'; label: string };

export function useTiersDashboard(filters: DashboardFilters) {
  const query = runQuery(filters);
  return useQuery({
    queryKey: dashboardKeys.of('tiers', query),
    queryFn: () => fetchTiersDashboard(query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Subscribers per operating tier and per lifecycle stage in the run, with their revenue at risk. */
export function TiersCard({ filters }: { filters: DashboardFilters }) {
  const query = useTiersDashboard(filters);
  return (
    <DashboardQuery name="tiers" query={query}>
      {(data) => <TiersView data={data} />}
    </DashboardQuery>
  );
}

function TiersView({ data }: { data: TiersDashboard }) {
  const { t } = useTranslation();
  const rows: Row[] = useMemo(
    () => [
      ...data.byTier.map((g) => ({ ...g, kind: 'tier' as const, label: codeLabel(t, 'tier', g.key) })),
      ...data.byStage.map((g) => ({
        ...g,
        kind: 'lifecycle' as const,
        label: codeLabel(t, 'lifecycle', g.key),
      })),
    ],
    [data, t],
  );
  const option = useMemo(
    () =>
      tiersOption(
        rows
          .filter((r) => r.kind === 'tier')
          .map((r) => ({ key: r.key, label: r.label, value: r.subscribers })),
        rows
          .filter((r) => r.kind === 'lifecycle')
          .map((r) => ({ key: r.key, label: r.label, value: r.subscribers })),
        { tiers: t('dashboards.tiers.byTier'), stages: t('dashboards.tiers.byLifecycle') },
      ),
    [rows, t],
  );
  const kindLabel = (kind: Row['kind']) =>
    kind === 'tier' ? t('dashboards.tiers.kindTier') : t('dashboards.tiers.kindLifecycle');
  return (
    <DashboardCard
      name="tiers"
      title={`${t('dashboards.tiers.title')} · ${t('dashboards.asOf', { date: data.asOf })}`}
      option={option}
      empty={data.total.subscribers === 0 ? t('dashboards.common.empty') : null}
      table={
        <Table<Row>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.kind}-${r.key}`}
          dataSource={rows}
          columns={[
            { title: t('dashboards.tiers.kind'), key: 'kind', render: (_, r) => kindLabel(r.kind) },
            { title: t('dashboards.tiers.key'), dataIndex: 'label' },
            {
              title: t('dashboards.common.subscribers'),
              dataIndex: 'subscribers',
              align: 'right',
              render: formatNumber,
            },
            {
              title: t('dashboards.common.share'),
              dataIndex: 'share',
              align: 'right',
              render: (v: number | null) => formatPercent(v),
            },
            {
              title: t('dashboards.tiers.revenue'),
              dataIndex: 'revenueFen',
              align: 'right',
              render: formatYuan,
            },
            {
              title: t('dashboards.tiers.revenueAtRisk'),
              dataIndex: 'revenueAtRiskFen',
              align: 'right',
              render: formatYuan,
            },
          ]}
        />
      }
      csv={() => ({
        filename: `dashboard-tiers-${data.asOf}.csv`,
        headers: [
          t('dashboards.tiers.kind'),
          t('dashboards.tiers.key'),
          'code',
          t('dashboards.common.subscribers'),
          t('dashboards.common.share'),
          t('dashboards.tiers.revenue'),
          t('dashboards.tiers.revenueAtRisk'),
        ],
        rows: rows.map((r) => [
          kindLabel(r.kind),
          r.label,
          r.key,
          r.subscribers,
          r.share,
          fenToWholeYuan(r.revenueFen),
          fenToWholeYuan(r.revenueAtRiskFen),
        ]),
      })}
    />
  );
}
