import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardKeys, fetchSignalsDashboard } from '../../api/dashboards';
import type { SignalsDashboard } from '../../api/types-dashboards';
import { formatNumber, formatPercent } from '../../format/format';
import { codeLabel } from './codeLabel';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import { type DashboardFilters, runQuery } from './dashboardFilters';
import { signalsOption } from './signalsOption';

type Row = SignalsDashboard['signals'][number] & { label: string };

/** How many scored subscribers each churn signal flags, split by operating tier. */
export function SignalsCard({ filters }: { filters: DashboardFilters }) {
  const params = runQuery(filters);
  const query = useQuery({
    queryKey: dashboardKeys.of('signals', params),
    queryFn: () => fetchSignalsDashboard(params),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <DashboardQuery name="signals" query={query}>
      {(data) => <SignalsView data={data} />}
    </DashboardQuery>
  );
}

function SignalsView({ data }: { data: SignalsDashboard }) {
  const { t } = useTranslation();
  const rows: Row[] = useMemo(
    () => data.signals.map((s) => ({ ...s, label: codeLabel(t, 'signal', s.code) })),
    [data, t],
  );
  const tiers = useMemo(
    () => data.tiers.map((tier) => ({ key: tier.tier, label: codeLabel(t, 'tier', tier.tier) })),
    [data, t],
  );
  const option = useMemo(
    () =>
      signalsOption(
        rows.map((r) => ({
          code: r.code,
          label: `${r.label} ${formatPercent(r.share)}`,
          subscribers: r.subscribers,
          byTier: Object.fromEntries(r.byTier.map((b) => [b.tier, b.subscribers])),
        })),
        tiers,
      ),
    [rows, tiers],
  );
  const tierCount = (row: Row, tier: string) => row.byTier.find((b) => b.tier === tier)?.subscribers ?? 0;
  const columns: ColumnsType<Row> = [
    { title: t('dashboards.signals.signal'), dataIndex: 'label' },
    { title: t('dashboards.signals.count'), dataIndex: 'subscribers', align: 'right', render: formatNumber },
    {
      title: t('dashboards.signals.prevalence'),
      dataIndex: 'share',
      align: 'right',
      render: (v: number | null) => formatPercent(v),
    },
    ...tiers.map((tier) => ({
      title: tier.label,
      key: tier.key,
      align: 'right' as const,
      render: (_: unknown, r: Row) => formatNumber(tierCount(r, tier.key)),
    })),
  ];
  return (
    <DashboardCard
      name="signals"
      title={`${t('dashboards.signals.title')} · ${t('dashboards.signals.summary', {
        flagged: formatNumber(data.withAnySignal),
        scored: formatNumber(data.scored),
      })} · ${t('dashboards.asOf', { date: data.asOf })}`}
      option={option}
      height={Math.max(320, rows.length * 36 + 60)}
      empty={data.scored === 0 || rows.length === 0 ? t('dashboards.common.empty') : null}
      table={<Table<Row> size="small" pagination={false} rowKey="code" dataSource={rows} columns={columns} />}
      csv={() => ({
        filename: `dashboard-signals-${data.asOf}.csv`,
        headers: [
          t('dashboards.signals.signal'),
          'code',
          t('dashboards.signals.count'),
          t('dashboards.signals.prevalence'),
          ...tiers.map((tier) => tier.label),
        ],
        rows: rows.map((r) => [
          r.label,
          r.code,
          r.subscribers,
          r.share,
          ...tiers.map((tier) => tierCount(r, tier.key)),
        ]),
      })}
    />
  );
}
