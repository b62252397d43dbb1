import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Progress, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPlanProgress, svKeys } from '../../api/supervision';
import type { PlanProgress } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatNumber } from '../../format/format';

type AgentRow = PlanProgress['agents'][number];
type PoolRow = PlanProgress['pools'][number];

const REFRESH_MS = 15_000;

/** Each agent's share of the plan and how far they are, refreshed while the page is open. */
export function PlanProgressTable({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const progress = useQuery({
    queryKey: svKeys.planProgress(planId),
    queryFn: () => fetchPlanProgress(planId),
    refetchInterval: REFRESH_MS,
  });

  const agentColumns: ColumnsType<AgentRow> = [
    { key: 'agent', title: t('plan.shifts.agent'), dataIndex: 'displayName' },
    {
      key: 'assigned',
      title: t('plan.progress.assigned'),
      align: 'right',
      render: (_, r) => formatNumber(r.assigned),
    },
    { key: 'done', title: t('plan.progress.done'), align: 'right', render: (_, r) => formatNumber(r.done) },
    {
      key: 'reached',
      title: t('plan.progress.reached'),
      align: 'right',
      render: (_, r) => formatNumber(r.reached),
    },
    {
      key: 'accepted',
      title: t('plan.progress.accepted'),
      align: 'right',
      render: (_, r) => formatNumber(r.accepted),
    },
    { key: 'open', title: t('plan.progress.open'), align: 'right', render: (_, r) => formatNumber(r.open) },
    {
      key: 'claimed',
      title: t('plan.progress.claimed'),
      align: 'right',
      render: (_, r) => formatNumber(r.claimed),
    },
    {
      key: 'bar',
      title: t('plan.progress.completion'),
      width: 180,
      render: (_, r) => (
        <Progress size="small" percent={r.assigned > 0 ? Math.round((r.done / r.assigned) * 100) : 0} />
      ),
    },
  ];
  const poolColumns: ColumnsType<PoolRow> = [
    { key: 'team', title: t('plan.shifts.team'), render: (_, r) => t('plan.summary.team', { id: r.teamId }) },
    {
      key: 'total',
      title: t('plan.progress.assigned'),
      align: 'right',
      render: (_, r) => formatNumber(r.total),
    },
    { key: 'done', title: t('plan.progress.done'), align: 'right', render: (_, r) => formatNumber(r.done) },
    { key: 'open', title: t('plan.progress.open'), align: 'right', render: (_, r) => formatNumber(r.open) },
    {
      key: 'claimed',
      title: t('plan.progress.claimed'),
      align: 'right',
      render: (_, r) => formatNumber(r.claimed),
    },
  ];

  return (
    <Card
      title={t('plan.progress.title')}
      extra={
        progress.dataUpdatedAt > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('plan.progress.updated', {
              at: formatDateTime(new Date(progress.dataUpdatedAt).toISOString()),
            })}
          </Typography.Text>
        )
      }
    >
      <Flex vertical gap={16} data-testid="plan-progress">
        {progress.isError && <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />}
        <Table<AgentRow>
          rowKey="agentUserId"
          size="small"
          columns={agentColumns}
          dataSource={progress.data?.agents ?? []}
          loading={progress.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('plan.progress.empty') }}
          onRow={(r) => ({ 'data-testid': `progress-row-${r.agentUserId}` }) as HTMLAttributes<HTMLElement>}
        />
        {(progress.data?.pools.length ?? 0) > 0 && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('plan.progress.pools')}
            </Typography.Title>
            <Table<PoolRow>
              rowKey="teamId"
              size="small"
              columns={poolColumns}
              dataSource={progress.data?.pools ?? []}
              pagination={false}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}
