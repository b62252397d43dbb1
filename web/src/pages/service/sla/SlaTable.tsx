import { Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaReportBy, SlaReportRow } from '../../../api/types-service';
import { formatNumber, formatPercent } from '../../../format/format';
import type { CsvExport } from '../ChartTableCard';
import { intervalText, slaRowLabel } from './slaFormat';

const COUNTS = [
  'total',
  'closed',
  'closedOnTime',
  'closedLate',
  'openBreached',
  'openOnTrack',
  'decided',
] as const;

function verdictText(t: TFunction, targetMet: boolean | null): string {
  if (targetMet === null) return t('service.sla.noVerdict');
  return targetMet ? t('service.sla.meets') : t('service.sla.misses');
}

/** Children only where there are some, so antd shows no empty expander. */
function treeRows(rows: readonly SlaReportRow[]): SlaReportRow[] {
  return rows.map(({ children, ...row }) =>
    children && children.length > 0 ? { ...row, children: treeRows(children) } : row,
  );
}

type SlaTableProps = { rows: SlaReportRow[]; by: SlaReportBy };

/** The chart's figures, one row per category (its children expandable), group or VIP level. */
export function SlaTable({ rows, by }: SlaTableProps) {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<SlaReportRow> = [
    { key: 'name', title: t(`service.sla.by.${by}`), render: (_, row) => slaRowLabel(row, i18n.language) },
    ...COUNTS.map((count) => ({
      key: count,
      title: t(`service.sla.columns.${count}`),
      align: 'right' as const,
      render: (_: unknown, row: SlaReportRow) => formatNumber(row[count]),
    })),
    {
      key: 'onTimeRate',
      title: t('service.sla.columns.onTimeRate'),
      align: 'right',
      render: (_, row) => <span data-testid={`sla-rate-${row.key}`}>{formatPercent(row.onTimeRate)}</span>,
    },
    {
      key: 'interval',
      title: t('service.sla.columns.interval'),
      render: (_, row) => intervalText(row.interval),
    },
    {
      key: 'targetMet',
      title: t('service.sla.columns.targetMet'),
      render: (_, row) => (
        <Space size={4}>
          <Tag color={row.targetMet === null ? 'default' : row.targetMet ? 'green' : 'red'}>
            {verdictText(t, row.targetMet)}
          </Tag>
          {row.clearlyBelowTarget && (
            <Tooltip title={t('service.sla.clearlyBelowHelp')}>
              <Tag color="volcano">{t('service.sla.clearlyBelow')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={treeRows(rows)}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(row) => ({ 'data-testid': `sla-row-${row.key}` }) as HTMLAttributes<HTMLElement>}
      data-testid="sla-table"
    />
  );
}

function flatten(rows: readonly SlaReportRow[], language: string, parent = ''): [string, SlaReportRow][] {
  return rows.flatMap((row) => {
    const label = parent ? `${parent} / ${slaRowLabel(row, language)}` : slaRowLabel(row, language);
    return [[label, row] as [string, SlaReportRow], ...flatten(row.children ?? [], language, label)];
  });
}

/**
 * The same figures as a CSV file, children listed under their parent as "parent / child" and rates as
 * shares with four decimals, so a spreadsheet can compute with them.
 */
export function slaCsv(
  t: TFunction,
  language: string,
  report: { rows: readonly SlaReportRow[]; overall: SlaReportRow; by: SlaReportBy; from: string; to: string },
): CsvExport {
  const share = (value: number | null | undefined) =>
    value === null || value === undefined ? null : value.toFixed(4);
  const lines: [string, SlaReportRow][] = [
    ...flatten(report.rows, language),
    [t('service.sla.overall'), report.overall],
  ];
  return {
    filename: `sla-${report.by}-${report.from}-${report.to}.csv`,
    headers: [
      t(`service.sla.by.${report.by}`),
      ...COUNTS.map((count) => t(`service.sla.columns.${count}`)),
      t('service.sla.columns.onTimeRate'),
      t('service.sla.columns.intervalLow'),
      t('service.sla.columns.intervalHigh'),
      t('service.sla.columns.targetMet'),
    ],
    rows: lines.map(([label, row]) => [
      label,
      ...COUNTS.map((count) => row[count]),
      share(row.onTimeRate),
      share(row.interval?.low),
      share(row.interval?.high),
      verdictText(t, row.targetMet),
    ]),
  };
}
