import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardKeys, fetchChurnTrendDashboard } from '../../api/dashboards';
import type { ChurnTrendDashboard, ChurnTrendPoint } from '../../api/types-dashboards';
import { formatNumber, formatPercent } from '../../format/format';
import { churnTrendOption } from './churnTrendOption';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import { type DashboardFilters, scoredRangeQuery } from './dashboardFilters';

/** The model's predicted churn rate against the churn observed after each monthly scoring run. */
export function ChurnTrendCard({ filters }: { filters: DashboardFilters }) {
  const params = scoredRangeQuery(filters);
  const query = useQuery({
    queryKey: dashboardKeys.of('churn-trend', params),
    queryFn: () => fetchChurnTrendDashboard(params),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <DashboardQuery name="churn-trend" query={query}>
      {(data) => <ChurnTrendView data={data} />}
    </DashboardQuery>
  );
}

function ChurnTrendView({ data }: { data: ChurnTrendDashboard }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      churnTrendOption(
        data.points.map((p) => ({
          month: p.month,
          predicted: p.predictedRate,
          actual: p.actualRate,
          complete: p.complete,
        })),
        {
          predicted: t('dashboards.churn.predicted'),
          actual: t('dashboards.churn.actual'),
          partial: t('dashboards.churn.partial'),
        },
      ),
    [data, t],
  );
  const completeText = (p: ChurnTrendPoint) =>
    p.complete ? t('dashboards.churn.complete') : t('dashboards.churn.partial');
  return (
    <DashboardCard
      name="churn-trend"
      title={t('dashboards.churn.title')}
      option={option}
      empty={data.points.length === 0 ? t('dashboards.common.empty') : null}
      note={t('dashboards.churn.note')}
      table={
        <Table<ChurnTrendPoint>
          size="small"
          pagination={false}
          rowKey="runId"
          dataSource={data.points}
          columns={[
            { title: t('dashboards.common.month'), dataIndex: 'month' },
            { title: t('dashboards.churn.asOf'), dataIndex: 'asOf' },
            {
              title: t('dashboards.churn.scored'),
              dataIndex: 'scored',
              align: 'right',
              render: formatNumber,
            },
            {
              title: t('dashboards.churn.expected'),
              dataIndex: 'predictedChurners',
              align: 'right',
              render: (v: number) => formatNumber(Math.round(v)),
            },
            {
              title: t('dashboards.churn.predicted'),
              dataIndex: 'predictedRate',
              align: 'right',
              render: (v: number | null) => formatPercent(v),
            },
            {
              title: t('dashboards.churn.churned'),
              dataIndex: 'actualChurners',
              align: 'right',
              render: formatNumber,
            },
            {
              title: t('dashboards.churn.actual'),
              dataIndex: 'actualRate',
              align: 'right',
              render: (v: number | null) => formatPercent(v),
            },
            {
              title: t('dashboards.churn.window'),
              key: 'window',
              render: (_, p) => (
                <>
                  {p.asOf} ~ {p.windowEnd} <Tag color={p.complete ? 'green' : 'gold'}>{completeText(p)}</Tag>
                </>
              ),
            },
          ]}
        />
      }
      csv={() => ({
        filename: 'dashboard-churn-trend.csv',
        headers: [
          t('dashboards.common.month'),
          t('dashboards.churn.asOf'),
          t('dashboards.churn.scored'),
          t('dashboards.churn.expected'),
          t('dashboards.churn.predicted'),
          t('dashboards.churn.churned'),
          t('dashboards.churn.actual'),
          t('dashboards.churn.windowEnd'),
          t('dashboards.churn.observedUntil'),
          t('dashboards.churn.window'),
        ],
        rows: data.points.map((p) => [
          p.month,
          p.asOf,
          p.scored,
          Math.round(p.predictedChurners * 100) / 100,
          p.predictedRate,
          p.actualChurners,
          p.actualRate,
          p.windowEnd,
          p.observedUntil,
          completeText(p),
        ]),
      })}
    />
  );
}
