import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  InputNumber,
  List,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTeams } from '../../api/admin';
import {
  type DailySummary,
  dailySummaryCsvUrl,
  fetchDailySummary,
  fetchSummaryFiles,
  type ProgressItem,
  targetKeys,
} from '../../api/targets';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber, formatYuan } from '../../format/format';
import { formatTargetValue, STATUS_COLORS } from '../targets/targetFormat';

type ResultRow = DailySummary['results']['items'][number];
type PlanRow = DailySummary['plan']['items'][number];

const RESULT_FIGURES = [
  'calls',
  'reached',
  'accepted',
  'saves',
  'complaints',
  'spend',
  'ticketsOpened',
  'slaBreaches',
] as const;
const PLAN_FIGURES = ['plannedCalls', 'callbacksDue', 'careTasks'] as const;

function resultValue(
  row: DailySummary['results']['totals'],
  figure: (typeof RESULT_FIGURES)[number],
): string {
  return figure === 'spend' ? formatYuan(row.spendFen) : formatNumber(row[figure]);
}

/** The team lead's morning page: yesterday's results, today's plan, targets, the CSV and the written files. */
export function DailySummaryPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [chosenTeam, setChosenTeam] = useState<number | undefined>(undefined);
  const isLead = me?.role === 'lead';
  const teamId = isLead ? undefined : chosenTeam;
  const teams = useQuery({
    queryKey: ['teams'],
    queryFn: fetchTeams,
    enabled: !isLead && can(me, 'users.manage'),
  });
  const summary = useQuery({
    queryKey: targetKeys.summary(date, teamId),
    queryFn: () => fetchDailySummary(date, teamId),
    enabled: isLead || teamId !== undefined,
  });
  const files = useQuery({ queryKey: targetKeys.files(teamId), queryFn: () => fetchSummaryFiles(teamId) });
  const data = summary.data;

  const resultColumns: ColumnsType<ResultRow> = [
    { key: 'agent', title: t('dailySummary.agent'), dataIndex: 'displayName' },
    ...RESULT_FIGURES.map((figure) => ({
      key: figure,
      title: t(`dailySummary.${figure}`),
      align: 'right' as const,
      render: (_: unknown, r: ResultRow) => resultValue(r, figure),
    })),
  ];
  const planColumns: ColumnsType<PlanRow> = [
    {
      key: 'agent',
      title: t('dailySummary.agent'),
      render: (_, r) => r.displayName ?? t('dailySummary.teamPool'),
    },
    ...PLAN_FIGURES.map((figure) => ({
      key: figure,
      title: t(`dailySummary.${figure}`),
      align: 'right' as const,
      render: (_: unknown, r: PlanRow) => formatNumber(r[figure]),
    })),
  ];
  const targetColumns: ColumnsType<ProgressItem> = [
    {
      key: 'who',
      title: t('targets.who'),
      render: (_, r) =>
        r.scope === 'agent' ? r.agentName : `${t('targets.scope.team')} ${r.teamName ?? ''}`,
    },
    { key: 'metric', title: t('targets.metricLabel'), render: (_, r) => t(`targets.metric.${r.metric}`) },
    {
      key: 'ytd',
      title: t('targets.achieved'),
      align: 'right',
      render: (_, r) => formatTargetValue(r.metric, r.achievedYearToDate),
    },
    ...(['realistic', 'stretch'] as const).map((level) => ({
      key: level,
      title: t(`targets.level.${level}`),
      render: (_: unknown, r: ProgressItem) => {
        const p = r[level];
        if (!p) return '—';
        return (
          <span>
            {t('targets.expected')} {formatTargetValue(r.metric, p.expectedToDate)} · {t('targets.dailyGoal')}{' '}
            {formatTargetValue(r.metric, p.dailyGoal)}{' '}
            <Tag color={STATUS_COLORS[p.status]}>
              {r.metric === 'spend_fen'
                ? t(`targets.statusBudget.${p.status}`)
                : t(`targets.status.${p.status}`)}
            </Tag>
          </span>
        );
      },
    })),
  ];

  return (
    <Flex vertical gap={16} data-testid="daily-summary-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dailySummary.title')}
          {data ? ` · ${data.teamName}` : ''}
        </Typography.Title>
        <Flex gap={8}>
          {!isLead &&
            (can(me, 'users.manage') ? (
              <Select
                style={{ width: 180 }}
                placeholder={t('dailySummary.chooseTeam')}
                value={chosenTeam}
                onChange={setChosenTeam}
                options={(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))}
              />
            ) : (
              <InputNumber
                placeholder={t('dailySummary.team')}
                min={1}
                value={chosenTeam ?? null}
                onChange={(value) => setChosenTeam(value ?? undefined)}
              />
            ))}
          <DatePicker
            allowClear={false}
            value={dayjs(date)}
            onChange={(value) => value && setDate(value.format('YYYY-MM-DD'))}
          />
          <Button
            data-testid="daily-summary-download"
            disabled={!isLead && teamId === undefined}
            href={dailySummaryCsvUrl(date, teamId, i18n.language)}
          >
            {t('dailySummary.download')}
          </Button>
        </Flex>
      </Flex>
      {summary.isError && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      {!isLead && teamId === undefined && <Empty description={t('dailySummary.chooseTeam')} />}
      <Card
        title={t('dailySummary.results', { date: data?.resultsDate ?? '' })}
        data-testid="daily-summary-results"
      >
        <Table
          rowKey="agentUserId"
          size="small"
          loading={summary.isLoading}
          columns={resultColumns}
          dataSource={data?.results.items ?? []}
          pagination={false}
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('dailySummary.total')}</Table.Summary.Cell>
                {RESULT_FIGURES.map((figure, i) => (
                  <Table.Summary.Cell key={figure} index={i + 1} align="right">
                    {resultValue(data.results.totals, figure)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Card title={t('dailySummary.plan', { date: data?.date ?? date })} data-testid="daily-summary-plan">
        <Table
          rowKey={(r) => r.agentUserId ?? 'pool'}
          size="small"
          loading={summary.isLoading}
          columns={planColumns}
          dataSource={data?.plan.items ?? []}
          pagination={false}
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('dailySummary.total')}</Table.Summary.Cell>
                {PLAN_FIGURES.map((figure, i) => (
                  <Table.Summary.Cell key={figure} index={i + 1} align="right">
                    {formatNumber(data.plan.totals[figure])}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Card title={t('dailySummary.targets')}>
        <Table
          rowKey={(r) => `${r.scope}-${r.agentUserId ?? r.teamId}-${r.metric}`}
          size="small"
          columns={targetColumns}
          dataSource={data?.targets ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('targets.empty')} /> }}
        />
      </Card>
      <Card title={t('dailySummary.files')}>
        {files.isError && <ErrorAlert error={files.error} />}
        <List
          size="small"
          dataSource={files.data?.items ?? []}
          locale={{ emptyText: t('dailySummary.noFiles') }}
          renderItem={(file) => (
            <List.Item key={file.url}>
              <a href={file.url} download>
                {file.date} · {file.teamId}.csv
              </a>
              <span>{formatNumber(Math.ceil(file.bytes / 1024))} KB</span>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
