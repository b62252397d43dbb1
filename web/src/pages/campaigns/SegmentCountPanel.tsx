import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Flex, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countSegment } from '../../api/supervision';
import type { SegmentCount, SegmentRule } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { formatDate, formatNumber } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

const TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning'];
const BANDS = ['low', 'medium', 'high', 'very_high'];

type SegmentCountPanelProps = {
  rules: SegmentRule[];
  /** Rows still being filled in: left out of the count until complete. */
  incompleteRules: number;
  teamId: number | null;
};

type MatrixRow = { tier: string; total: number } & Record<string, number | string>;

/** Tier rows × risk band columns, with row totals; tiers or bands the server adds are kept. */
export function breakdownMatrix(breakdown: SegmentCount['breakdown']): {
  bands: string[];
  rows: MatrixRow[];
} {
  const bands = [...BANDS, ...breakdown.map((b) => b.riskBand).filter((b) => !BANDS.includes(b))];
  const tiers = [...TIERS, ...breakdown.map((b) => b.tier).filter((tier) => !TIERS.includes(tier))];
  const rows: MatrixRow[] = [];
  for (const tier of new Set(tiers)) {
    const cells = breakdown.filter((b) => b.tier === tier);
    if (cells.length === 0) continue;
    const row: MatrixRow = { tier, total: 0 };
    for (const cell of cells) {
      row[cell.riskBand] = cell.count;
      row.total += cell.count;
    }
    rows.push(row);
  }
  return { bands: [...new Set(bands)], rows };
}

/** The live count of a segment in the current scoring run, asked again as the rules settle. */
export function SegmentCountPanel({ rules, incompleteRules, teamId }: SegmentCountPanelProps) {
  const { t } = useTranslation();
  const rulesKey = useDebouncedValue(JSON.stringify(rules), 400);
  const count = useQuery({
    queryKey: ['campaigns', 'segment-count', rulesKey, teamId],
    queryFn: () => {
      const settled: SegmentRule[] = JSON.parse(rulesKey);
      return countSegment({ rules: settled }, teamId);
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const matrix = useMemo(() => breakdownMatrix(count.data?.breakdown ?? []), [count.data]);

  const columns: ColumnsType<MatrixRow> = [
    { key: 'tier', title: t('campaigns.count.tier'), render: (_, row) => codeLabel(t, 'tier', row.tier) },
    ...matrix.bands.map((band) => ({
      key: band,
      title: codeLabel(t, 'riskBand', band),
      align: 'right' as const,
      render: (_: unknown, row: MatrixRow) => formatNumber(typeof row[band] === 'number' ? row[band] : 0),
    })),
    {
      key: 'total',
      title: t('campaigns.count.total'),
      align: 'right',
      render: (_, row) => <strong>{formatNumber(row.total)}</strong>,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={16} wrap>
        <Statistic
          title={t('campaigns.count.title')}
          value={count.data?.total ?? 0}
          formatter={(value) => (
            <span data-testid="segment-count" data-count={count.data?.total ?? ''}>
              {count.data ? formatNumber(Number(value)) : '—'}
            </span>
          )}
        />
        {count.isFetching && <Spin size="small" />}
      </Flex>
      {count.data && (
        <Typography.Text type="secondary">
          {count.data.runId === null
            ? t('campaigns.count.noRun')
            : t('campaigns.count.asOf', { date: formatDate(count.data.asOf), run: count.data.runId })}
        </Typography.Text>
      )}
      {incompleteRules > 0 && (
        <Alert type="info" showIcon title={t('campaigns.count.incomplete', { count: incompleteRules })} />
      )}
      {count.isError && <ErrorAlert error={count.error} onRetry={() => void count.refetch()} />}
      <div data-testid="segment-breakdown">
        <Table<MatrixRow>
          rowKey="tier"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={matrix.rows}
          locale={{ emptyText: t('campaigns.count.empty') }}
        />
      </div>
    </Flex>
  );
}
