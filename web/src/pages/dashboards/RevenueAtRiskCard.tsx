import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardKeys, fetchRevenueAtRiskDashboard } from '../../api/dashboards';
import type { RevenueAtRiskDashboard } from '../../api/types-dashboards';
import { formatNumber, formatPercent, formatYuan } from '../../format/format';
import { fenToWholeYuan } from './chartFormat';
import { codeLabel } from './codeLabel';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import { type DashboardFilters, runQuery } from './dashboardFilters';
import { revenueOption } from './revenueOption';

type Row = {
  kind: 'tier' | 'signal';
  key: string;
  label: string;
  subscribers: number;
  revenueAtRiskFen: number;
  share: number | null;
};

/** Revenue at risk (3-month ARPU × churn probability) by operating tier and by churn signal. */
export function RevenueAtRiskCard({ filters }: { filters: DashboardFilters }) {
  const params = runQuery(filters);
  const query = useQuery({
    queryKey: dashboardKeys.of('revenue-at-risk', params),
    queryFn: () => fetchRevenueAtRiskDashboard(params),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <DashboardQuery name="revenue-at-risk" query={query}>
      {(data) => <RevenueView data={data} />}
    </DashboardQuery>
  );
}

function RevenueView({ data }: { data: RevenueAtRiskDashboard }) {
  const { t, i18n } = useTranslation();
  const rows: Row[] = useMemo(
    () => [
      ...data.byTier.map((g) => ({
        kind: 'tier' as const,
        key: g.tier,
        label: codeLabel(t, 'tier', g.tier),
        subscribers: g.atRisk,
        revenueAtRiskFen: g.revenueAtRiskFen,
        share: g.shareOfRevenueAtRisk,
      })),
      ...data.bySignal.map((g) => ({
        kind: 'signal' as const,
        key: g.code,
        label: codeLabel(t, 'signal', g.code),
        subscribers: g.subscribers,
        revenueAtRiskFen: g.revenueAtRiskFen,
        share: g.shareOfRevenueAtRisk,
      })),
    ],
    [data, t],
  );
  const option = useMemo(() => {
    const bars = (kind: Row['kind']) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => ({
          key: r.key,
          label: r.label,
          yuan: fenToWholeYuan(r.revenueAtRiskFen),
          subscribers: r.subscribers,
        }));
    return revenueOption(
      bars('tier'),
      bars('signal'),
      {
        byTier: t('dashboards.revenue.byTier'),
        bySignal: t('dashboards.revenue.bySignal'),
        series: t('dashboards.revenue.atRisk'),
      },
      i18n.language,
    );
  }, [rows, t, i18n.language]);
  const kindLabel = (kind: Row['kind']) =>
    kind === 'tier' ? t('dashboards.revenue.byTier') : t('dashboards.revenue.bySignal');
  return (
    <DashboardCard
      name="revenue-at-risk"
      title={`${t('dashboards.revenue.title')} ${formatYuan(data.total.revenueAtRiskFen)} · ${t('dashboards.asOf', { date: data.asOf })}`}
      option={option}
      empty={data.total.subscribers === 0 ? t('dashboards.common.empty') : null}
      note={t('dashboards.revenue.note')}
      table={
        <Table<Row>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.kind}-${r.key}`}
          dataSource={rows}
          columns={[
            { title: t('dashboards.revenue.kind'), key: 'kind', render: (_, r) => kindLabel(r.kind) },
            { title: t('dashboards.revenue.key'), dataIndex: 'label' },
            {
              title: t('dashboards.revenue.subscribers'),
              dataIndex: 'subscribers',
              align: 'right',
              render: formatNumber,
            },
            {
              title: t('dashboards.revenue.atRisk'),
              dataIndex: 'revenueAtRiskFen',
              align: 'right',
              render: formatYuan,
            },
            {
              title: t('dashboards.revenue.share'),
              dataIndex: 'share',
              align: 'right',
              render: (v: number | null) => formatPercent(v),
            },
          ]}
        />
      }
      csv={() => ({
        filename: `dashboard-revenue-at-risk-${data.asOf}.csv`,
        headers: [
          t('dashboards.revenue.kind'),
          t('dashboards.revenue.key'),
          'code',
          t('dashboards.revenue.subscribers'),
          t('dashboards.revenue.atRisk'),
          t('dashboards.revenue.share'),
        ],
        rows: rows.map((r) => [
          kindLabel(r.kind),
          r.label,
          r.key,
          r.subscribers,
          fenToWholeYuan(r.revenueAtRiskFen),
          r.share,
        ]),
      })}
    />
  );
}
