import { Empty, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotSpotCellKey, HotSpotsReport } from '../../../api/types-service';
import { ChartTableCard } from '../ChartTableCard';
import { type ChartClick, ClickableEChart } from '../ClickableEChart';
import { CATEGORY_TREE, categoryLabel } from '../categories';
import '../serviceCharts';
import { cellOf, heatGrid } from './heatmapCells';
import type { HeatCell } from './heatmapOption';
import { heatmapOption } from './heatmapOption';
import { ratioText } from './hotSpotFormat';

type HotSpotHeatmapProps = {
  report: HotSpotsReport;
  category: string;
  onCategoryChange: (category: string) => void;
  onOpenCell: (cell: HotSpotCellKey) => void;
};

const ratioOf = (cell: HeatCell) =>
  cell.expected && cell.expected > 0 ? cell.observed / cell.expected : null;

/** District × week for one category, coloured by observed / expected; a click opens the cell. */
export function HotSpotHeatmap({ report, category, onCategoryChange, onOpenCell }: HotSpotHeatmapProps) {
  const { t } = useTranslation();
  const grid = useMemo(() => heatGrid(report, category), [report, category]);
  const labels = useMemo(
    () => ({
      ratio: t('service.hotSpots.ratio'),
      observed: t('service.hotSpots.observed'),
      expected: t('service.hotSpots.expected'),
    }),
    [t],
  );
  const option = useMemo(() => heatmapOption(grid.areas, grid.weeks, grid.cells, labels), [grid, labels]);
  const rows = useMemo(
    () =>
      [...grid.cells].sort((a, b) => a.area.localeCompare(b.area, 'zh-CN') || a.week.localeCompare(b.week)),
    [grid],
  );
  const open = (area: string, week: string) => {
    const cell = cellOf(grid, area, week, category);
    if (cell) onOpenCell(cell);
  };
  const columns: ColumnsType<HeatCell> = [
    { key: 'area', title: t('service.hotSpots.area'), dataIndex: 'area' },
    { key: 'week', title: t('service.hotSpots.week'), dataIndex: 'week' },
    { key: 'observed', title: t('service.hotSpots.observed'), align: 'right', dataIndex: 'observed' },
    {
      key: 'expected',
      title: t('service.hotSpots.expected'),
      align: 'right',
      render: (_, c) => (c.expected === null ? '—' : c.expected.toFixed(1)),
    },
    {
      key: 'ratio',
      title: t('service.hotSpots.ratio'),
      align: 'right',
      render: (_, c) => ratioText(ratioOf(c)),
    },
    {
      key: 'hot',
      title: t('service.hotSpots.isHotSpot'),
      render: (_, c) => (c.hot ? t('common.yes') : t('common.no')),
    },
  ];

  return (
    <ChartTableCard
      testId="hot-spot-heatmap-card"
      title={t('service.hotSpots.heatmapTitle')}
      extra={
        <Select
          size="small"
          style={{ width: 160 }}
          value={category}
          onChange={onCategoryChange}
          options={CATEGORY_TREE.map((c) => ({ value: c.code, label: categoryLabel(t, c.code) }))}
          data-testid="hot-spot-heatmap-category"
        />
      }
      chart={
        grid.areas.length === 0 ? (
          <Empty description={t('service.hotSpots.heatmapEmpty')} />
        ) : (
          <>
            <ClickableEChart
              option={option}
              height={Math.max(220, 110 + grid.areas.length * 28)}
              onClick={(params: ChartClick) => {
                const data = params.data as { area?: string; week?: string } | undefined;
                if (data?.area && data.week) open(data.area, data.week);
              }}
              data-testid="hot-spot-heatmap"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {report.cells
                ? t('service.hotSpots.heatmapLegend')
                : t('service.hotSpots.heatmapLegendHotOnly')}
            </Typography.Text>
          </>
        )
      }
      table={
        <Table
          size="small"
          rowKey={(c) => `${c.area}|${c.week}`}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(c) => ({ onClick: () => open(c.area, c.week), style: { cursor: 'pointer' } })}
          data-testid="hot-spot-heatmap-table"
        />
      }
      csv={() => ({
        filename: `hot-spot-heatmap-${category}-${report.until}.csv`,
        headers: [
          t('service.hotSpots.area'),
          t('service.hotSpots.week'),
          t('service.hotSpots.observed'),
          t('service.hotSpots.expected'),
          t('service.hotSpots.ratio'),
          t('service.hotSpots.isHotSpot'),
        ],
        rows: rows.map((c) => [
          c.area,
          c.week,
          c.observed,
          c.expected === null ? null : c.expected.toFixed(2),
          ratioOf(c)?.toFixed(2) ?? null,
          c.hot ? t('common.yes') : t('common.no'),
        ]),
      })}
    />
  );
}
