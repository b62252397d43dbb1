import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchScoringRuns } from '../../api/admin';
import type { ScoringRun } from '../../api/types-admin';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime, formatNumber } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

const STATUS_COLORS: Record<string, string> = {
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  interrupted: 'warning',
};

function duration(run: ScoringRun): string {
  if (!run.finishedAt) return '—';
  const seconds = dayjs(run.finishedAt).diff(dayjs(run.startedAt), 'second');
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export function ScoringRunsPage() {
  const { t } = useTranslation();
  const runs = useQuery({
    queryKey: ['scoring', 'runs'],
    queryFn: fetchScoringRuns,
    // Poll while a run is going.
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 3000 : false),
  });

  const columns: ColumnsType<ScoringRun> = [
    { key: 'id', title: t('scoring.id'), render: (_, r) => `#${r.id}`, width: 80 },
    { key: 'asOf', title: t('scoring.asOf'), render: (_, r) => formatDate(r.asOf) },
    {
      key: 'status',
      title: t('scoring.status'),
      render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{codeLabel(t, 'runStatus', r.status)}</Tag>,
    },
    {
      key: 'stage',
      title: t('scoring.stage'),
      render: (_, r) =>
        r.progress && r.status === 'running' ? (
          <Tooltip title={`${formatNumber(r.progress.scored)} / ${formatNumber(r.progress.total)}`}>
            <Progress
              size="small"
              style={{ width: 140 }}
              percent={r.progress.total > 0 ? Math.floor((r.progress.scored / r.progress.total) * 100) : 0}
              format={() => codeLabel(t, 'runStage', r.stage)}
            />
          </Tooltip>
        ) : (
          codeLabel(t, 'runStage', r.stage)
        ),
    },
    { key: 'trigger', title: t('scoring.trigger'), render: (_, r) => codeLabel(t, 'runTrigger', r.trigger) },
    {
      key: 'subscribers',
      title: t('scoring.subscribers'),
      render: (_, r) => formatNumber(r.subscribers),
      align: 'right',
    },
    {
      key: 'model',
      title: t('scoring.model'),
      render: (_, r) => (r.modelId === null ? '—' : `#${r.modelId}`),
    },
    { key: 'started', title: t('scoring.startedAt'), render: (_, r) => formatDateTime(r.startedAt) },
    { key: 'duration', title: t('scoring.duration'), render: (_, r) => duration(r), responsive: ['md'] },
    {
      key: 'error',
      title: t('scoring.error'),
      ellipsis: true,
      render: (_, r) => (r.error ? <Typography.Text type="danger">{r.error}</Typography.Text> : '—'),
    },
  ];

  return (
    <>
      <Typography.Title level={3} className="vd-page-title">
        {t('scoring.title')}
      </Typography.Title>
      {runs.isError && (
        <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} style={{ marginBottom: 16 }} />
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ScoringRun>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={runs.data?.items ?? []}
          loading={runs.isPending}
          locale={{ emptyText: t('scoring.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
