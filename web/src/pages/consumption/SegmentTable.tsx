import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { SegmentConsumption, SegmentRow } from '../../api/consumption';
import { formatNumber, formatPercent, formatYuan } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

type SegmentTableProps = { data: SegmentConsumption };

function changeText(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '—';
  const arrow = pct > 0 ? '▲' : pct < 0 ? '▼' : '■';
  return `${arrow} ${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** One row per tier × city with the total as the summary row. */
export function SegmentTable({ data }: SegmentTableProps) {
  const { t } = useTranslation();
  const c = (key: string) => t(`consumption.page.columns.${key}`);
  const columns: ColumnsType<SegmentRow> = [
    { key: 'tier', title: c('tier'), render: (_, row) => codeLabel(t, 'tier', row.tier) },
    { key: 'city', title: c('city'), dataIndex: 'city' },
    {
      key: 'subscribers',
      title: c('subscribers'),
      align: 'right',
      render: (_, row) => formatNumber(row.subscribers),
    },
    {
      key: 'arpuMean',
      title: c('arpuMean'),
      align: 'right',
      render: (_, row) => formatYuan(row.arpuMeanFen),
    },
    {
      key: 'arpuMedian',
      title: c('arpuMedian'),
      align: 'right',
      render: (_, row) => formatYuan(row.arpuMedianFen),
    },
    { key: 'voice', title: c('voice'), align: 'right', render: (_, row) => formatYuan(row.revenue.voiceFen) },
    { key: 'data', title: c('data'), align: 'right', render: (_, row) => formatYuan(row.revenue.dataFen) },
    {
      key: 'valueAdded',
      title: c('valueAdded'),
      align: 'right',
      render: (_, row) => formatYuan(row.revenue.valueAddedFen),
    },
    {
      key: 'voiceShare',
      title: c('voiceShare'),
      align: 'right',
      render: (_, row) => formatPercent(row.revenue.voiceShare),
    },
    {
      key: 'minutesMedian',
      title: c('minutesMedian'),
      align: 'right',
      render: (_, row) => formatNumber(row.minutesMedian),
    },
    {
      key: 'dataMbMedian',
      title: c('dataMbMedian'),
      align: 'right',
      render: (_, row) => formatNumber(row.dataMbMedian === null ? null : Math.round(row.dataMbMedian)),
    },
    {
      key: 'spendChange',
      title: c('spendChange'),
      align: 'right',
      render: (_, row) => changeText(row.spendChangePct[row.spendChangePct.length - 1]),
    },
    {
      key: 'spendTrend',
      title: c('spendTrend'),
      render: (_, row) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.spendChangePct.map(changeText).join(' · ')}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<SegmentRow>
      size="small"
      rowKey={(row) => `${row.tier}|${row.city}`}
      columns={columns}
      dataSource={data.segments}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      data-testid="consumption-segments-table"
      summary={() =>
        data.overall ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <Typography.Text strong>{t('consumption.page.overall')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {formatNumber(data.overall.subscribers)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatYuan(data.overall.arpuMeanFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {formatYuan(data.overall.arpuMedianFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {formatYuan(data.overall.revenue.voiceFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {formatYuan(data.overall.revenue.dataFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              {formatYuan(data.overall.revenue.valueAddedFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="right">
              {formatPercent(data.overall.revenue.voiceShare)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={9} align="right">
              {formatNumber(data.overall.minutesMedian)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={10} align="right">
              {formatNumber(
                data.overall.dataMbMedian === null ? null : Math.round(data.overall.dataMbMedian),
              )}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={11} align="right">
              {changeText(data.overall.spendChangePct[data.overall.spendChangePct.length - 1])}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={12}>
              {data.overall.spendChangePct.map(changeText).join(' · ')}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
