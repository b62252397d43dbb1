import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesPoint } from '../../../api/types-service';
import { ChartTableCard } from '../ChartTableCard';
import { EChart } from '../serviceCharts';
import { cellSeriesOption } from './cellSeriesOption';
import { ratioText } from './hotSpotFormat';

type CellSeriesCardProps = {
  series: SeriesPoint[];
  focusWeekStart: string;
  /** File name stem of the CSV. */
  name: string;
  testId: string;
  title?: string;
  /** Bar colour per week (the work order's phases); the focus week is always red. */
  phases?: readonly { weekStart: string; color: string }[];
  /** Extra column per week (the work order's phase), for the table and the CSV. */
  phaseOf?: (point: SeriesPoint) => string;
};

/** Weekly complaints of one cell against its baseline, as a chart or a table, downloadable. */
export function CellSeriesCard({
  series,
  focusWeekStart,
  name,
  testId,
  title,
  phases,
  phaseOf,
}: CellSeriesCardProps) {
  const { t } = useTranslation();
  const labels = useMemo(
    () => ({ observed: t('service.hotSpots.observed'), expected: t('service.hotSpots.expected') }),
    [t],
  );
  const option = useMemo(
    () => cellSeriesOption(series, focusWeekStart, labels, phases),
    [series, focusWeekStart, labels, phases],
  );
  const ratio = (p: SeriesPoint) => (p.expected && p.expected > 0 ? p.observed / p.expected : null);
  const columns: ColumnsType<SeriesPoint> = [
    {
      key: 'week',
      title: t('service.hotSpots.week'),
      render: (_, p) => (p.weekStart === focusWeekStart ? <b>{p.week}</b> : p.week),
    },
    ...(phaseOf
      ? [
          {
            key: 'phase',
            title: t('service.workOrders.phase'),
            render: (_: unknown, p: SeriesPoint) => phaseOf(p),
          },
        ]
      : []),
    { key: 'observed', title: t('service.hotSpots.observed'), align: 'right', dataIndex: 'observed' },
    {
      key: 'expected',
      title: t('service.hotSpots.expected'),
      align: 'right',
      render: (_, p) => (p.expected === null ? '—' : p.expected.toFixed(1)),
    },
    {
      key: 'ratio',
      title: t('service.hotSpots.ratio'),
      align: 'right',
      render: (_, p) => ratioText(ratio(p)),
    },
  ];
  return (
    <ChartTableCard
      testId={testId}
      title={title ?? t('service.hotSpots.seriesTitle')}
      chart={<EChart option={option} height={240} data-testid={`${testId}-chart`} />}
      table={
        <Table
          size="small"
          rowKey="weekStart"
          columns={columns}
          dataSource={series}
          pagination={false}
          data-testid={`${testId}-table`}
        />
      }
      csv={() => ({
        filename: `${name}.csv`,
        headers: [
          t('service.hotSpots.week'),
          t('service.hotSpots.weekStart'),
          ...(phaseOf ? [t('service.workOrders.phase')] : []),
          t('service.hotSpots.observed'),
          t('service.hotSpots.expected'),
          t('service.hotSpots.ratio'),
        ],
        rows: series.map((p) => [
          p.week,
          p.weekStart,
          ...(phaseOf ? [phaseOf(p)] : []),
          p.observed,
          p.expected === null ? null : p.expected.toFixed(2),
          ratio(p)?.toFixed(2) ?? null,
        ]),
      })}
    />
  );
}
