import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fetchTargetProgress,
  fetchTargets,
  type LevelProgress,
  type ProgressItem,
  type Target,
  targetKeys,
} from '../../api/targets';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TargetFormModal } from './TargetFormModal';
import { TargetProgressBar } from './TargetProgressBar';
import { TopPerformersCard } from './TopPerformersCard';
import { formatTargetValue, STATUS_COLORS } from './targetFormat';

type Row = Target & { progress: ProgressItem | undefined; level_: LevelProgress | null };

/** Targets per team and agent (realistic and stretch), their quarterly steps and progress, and the month's stars. */
export function TargetsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [editing, setEditing] = useState<Target | null | undefined>(undefined);
  const year = Number(date.slice(0, 4));
  const targets = useQuery({ queryKey: targetKeys.targets(year), queryFn: () => fetchTargets(year) });
  const progress = useQuery({
    queryKey: targetKeys.progress(date),
    queryFn: () => fetchTargetProgress(date),
  });
  const canEdit = can(me, 'targets.manage');

  const levelOf = (target: Target): { item: ProgressItem | undefined; level: LevelProgress | null } => {
    for (const item of progress.data?.items ?? []) {
      const level = item[target.level];
      if (level?.targetId === target.id) return { item, level };
    }
    return { item: undefined, level: null };
  };
  const rows: Row[] = (targets.data?.items ?? []).map((target) => {
    const { item, level } = levelOf(target);
    return { ...target, progress: item, level_: level };
  });

  const columns: ColumnsType<Row> = [
    {
      key: 'who',
      title: t('targets.who'),
      render: (_, r) => (
        <span>
          <Tag>{t(`targets.scope.${r.scope}`)}</Tag>
          {r.scope === 'agent' ? r.agentName : r.teamName}
        </span>
      ),
    },
    { key: 'metric', title: t('targets.metricLabel'), render: (_, r) => t(`targets.metric.${r.metric}`) },
    {
      key: 'level',
      title: t('targets.levelLabel'),
      render: (_, r) => (
        <Tag color={r.level === 'stretch' ? 'purple' : 'cyan'}>{t(`targets.level.${r.level}`)}</Tag>
      ),
    },
    {
      key: 'annual',
      title: t('targets.annualValue'),
      align: 'right',
      render: (_, r) => formatTargetValue(r.metric, r.annualValue),
    },
    {
      key: 'steps',
      title: t('targets.quarterValues'),
      render: (_, r) => r.quarterValues.map((v) => formatTargetValue(r.metric, v)).join(' → '),
    },
    {
      key: 'progress',
      title: t('targets.progress'),
      render: (_, r) =>
        r.progress && r.level_ ? (
          <TargetProgressBar
            targetId={r.id}
            metric={r.metric}
            achieved={r.progress.achievedYearToDate}
            expected={r.level_.expectedToDate}
            status={r.level_.status}
          />
        ) : (
          <span data-testid={`target-progress-${r.id}`}>—</span>
        ),
    },
    {
      key: 'goal',
      title: t('targets.dailyGoal'),
      align: 'right',
      render: (_, r) =>
        r.level_ === null
          ? '—'
          : r.level_.dailyGoal === null
            ? t('targets.noDailyGoal')
            : formatTargetValue(r.metric, r.level_.dailyGoal),
    },
    {
      key: 'status',
      title: t('targets.statusLabel'),
      render: (_, r) =>
        r.level_ ? (
          <Tag color={STATUS_COLORS[r.level_.status]}>
            {r.metric === 'spend_fen'
              ? t(`targets.statusBudget.${r.level_.status}`)
              : t(`targets.status.${r.level_.status}`)}
          </Tag>
        ) : (
          '—'
        ),
    },
    ...(canEdit
      ? [
          {
            key: 'edit',
            title: '',
            render: (_: unknown, r: Row) => (
              <Button size="small" onClick={() => setEditing(r)}>
                {t('targets.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="targets-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('targets.title')}
        </Typography.Title>
        <Flex gap={8}>
          <DatePicker
            allowClear={false}
            value={dayjs(date)}
            onChange={(value) => value && setDate(value.format('YYYY-MM-DD'))}
          />
          {canEdit && (
            <Button type="primary" onClick={() => setEditing(null)}>
              {t('targets.add')}
            </Button>
          )}
        </Flex>
      </Flex>
      {targets.isError && <ErrorAlert error={targets.error} onRetry={() => void targets.refetch()} />}
      {progress.isError && <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />}
      <Card>
        <Table
          rowKey="id"
          size="small"
          loading={targets.isLoading}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          onRow={(r) => ({ 'data-testid': `target-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t('targets.empty')} /> }}
        />
      </Card>
      <TopPerformersCard month={month} onMonthChange={setMonth} />
      {editing !== undefined && (
        <TargetFormModal year={year} target={editing} open onClose={() => setEditing(undefined)} />
      )}
    </Flex>
  );
}
