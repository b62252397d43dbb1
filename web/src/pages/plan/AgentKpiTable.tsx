import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAgentKpis, svKeys } from '../../api/supervision';
import type { AgentKpiRow, KpiFigures } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber, formatPercent } from '../../format/format';

type AgentKpiTableProps = {
  from: string;
  to: string;
  onRangeChange: (from: string, to: string) => void;
};

/** Average handle time as m:ss. */
export function formatHandleTime(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

const FIGURES = [
  'calls',
  'reached',
  'reachRate',
  'accepted',
  'acceptanceRate',
  'averageHandleSeconds',
  'callbacks',
  'complaints',
] as const satisfies readonly (keyof KpiFigures)[];
type Figure = (typeof FIGURES)[number];

function figureText(figure: Figure, row: KpiFigures): string {
  switch (figure) {
    case 'reachRate':
    case 'acceptanceRate':
      return formatPercent(row[figure]);
    case 'averageHandleSeconds':
      return formatHandleTime(row.averageHandleSeconds);
    default:
      return formatNumber(row[figure]);
  }
}

/** Calls, reach, saves, acceptance and handle time per agent over a date range, with team totals. */
export function AgentKpiTable({ from, to, onRangeChange }: AgentKpiTableProps) {
  const { t } = useTranslation();
  const kpis = useQuery({
    queryKey: svKeys.kpis(from, to),
    queryFn: () => fetchAgentKpis(from, to),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<AgentKpiRow> = [
    { key: 'agent', title: t('plan.shifts.agent'), dataIndex: 'displayName', fixed: 'left' },
    { key: 'team', title: t('plan.shifts.team'), render: (_, r) => r.teamName ?? '—' },
    ...FIGURES.map((figure) => ({
      key: figure,
      title: t(`kpis.${figure}`),
      align: 'right' as const,
      render: (_: unknown, r: AgentKpiRow) => figureText(figure, r),
    })),
  ];
  const totals = kpis.data?.totals;

  return (
    <Card
      title={t('kpis.title')}
      extra={
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          disabledDate={(date) => date.isAfter(dayjs(), 'day')}
          onChange={(range) => {
            const [start, end] = range ?? [];
            if (start && end) onRangeChange(start.format('YYYY-MM-DD'), end.format('YYYY-MM-DD'));
          }}
          data-testid="kpi-range"
        />
      }
    >
      <Flex vertical gap={12}>
        {kpis.isError && <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />}
        <div data-testid="kpi-table">
          <Table<AgentKpiRow>
            rowKey="agentUserId"
            size="small"
            columns={columns}
            dataSource={kpis.data?.items ?? []}
            loading={kpis.isFetching}
            scroll={{ x: true }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('kpis.empty') }}
            onRow={(r) => ({ 'data-testid': `kpi-row-${r.agentUserId}` }) as HTMLAttributes<HTMLElement>}
            summary={() =>
              totals ? (
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{t('kpis.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} />
                  {FIGURES.map((figure, i) => (
                    <Table.Summary.Cell key={figure} index={i + 2} align="right">
                      {figureText(figure, totals)}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('kpis.help')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
