import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BacktestScore, ForecastMethod } from '../../api/forecasts';

export type BacktestTableProps = {
  methods: readonly ForecastMethod[];
  backtest: Partial<Record<ForecastMethod, BacktestScore>>;
  notApplicable: Partial<Record<ForecastMethod, string>>;
  best: ForecastMethod | null;
  formatError: (value: number) => string;
  /** Test ids: the table, `<testId>-row-<method>`, and the "trust this one" tag. */
  testId?: string;
  bestTestId?: string;
};

type Row = { method: ForecastMethod; score: BacktestScore | undefined; reason: string | undefined };

/** MAPE and MAE of every method on the held-out periods; the lowest MAPE is the one to trust. */
export function BacktestTable({
  methods,
  backtest,
  notApplicable,
  best,
  formatError,
  testId = 'forecast-backtest',
  bestTestId = 'forecast-best',
}: BacktestTableProps) {
  const { t } = useTranslation();
  const rows: Row[] = methods.map((method) => ({
    method,
    score: backtest[method],
    reason: notApplicable[method],
  }));
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="method"
      dataSource={rows}
      data-testid={testId}
      onRow={(row) => ({
        'data-testid': `${testId}-row-${row.method}`,
        style: row.method === best ? { background: '#f6ffed', fontWeight: 600 } : undefined,
      })}
      columns={[
        {
          title: t('forecasts.backtest.method'),
          key: 'method',
          render: (_, row) => (
            <>
              {t(`forecasts.method.${row.method}`)}{' '}
              {row.method === best && (
                <Tag color="green" data-testid={bestTestId}>
                  {t('forecasts.backtest.trust')}
                </Tag>
              )}
            </>
          ),
        },
        {
          title: t('forecasts.backtest.mape'),
          key: 'mape',
          align: 'right',
          render: (_, row) =>
            row.score ? (row.score.mape === null ? '—' : `${row.score.mape.toFixed(2)}%`) : null,
          onCell: (row) => (row.score ? {} : { colSpan: 3 }),
        },
        {
          title: t('forecasts.backtest.mae'),
          key: 'mae',
          align: 'right',
          render: (_, row) =>
            row.score ? (
              formatError(row.score.mae)
            ) : (
              <Typography.Text type="secondary">
                {t('forecasts.backtest.notApplicable')}: {row.reason}
              </Typography.Text>
            ),
          onCell: (row) => (row.score ? {} : { colSpan: 0 }),
        },
        {
          title: t('forecasts.backtest.holdout'),
          key: 'holdout',
          align: 'right',
          render: (_, row) => row.score?.holdout ?? null,
          onCell: (row) => (row.score ? {} : { colSpan: 0 }),
        },
      ]}
    />
  );
}
