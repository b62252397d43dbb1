import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  Empty,
  Flex,
  InputNumber,
  Row,
  Segmented,
  Select,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FORECAST_GRANULARITIES,
  FORECAST_METHODS,
  FORECAST_METRICS,
  type ForecastGranularity,
  type ForecastMethod,
  type ForecastMetric,
  fetchMetricForecast,
  forecastKeys,
  type MetricForecast,
} from '../../api/forecasts';
import { EChart } from '../../charts/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChartTableCard, type CsvExport } from '../service/ChartTableCard';
import { BacktestTable } from './BacktestTable';
import { CustomForecast } from './CustomForecast';
import { forecastChartOption } from './forecastChartOption';
import { LinearParamsCard } from './LinearParamsCard';

/** Revenue arrives in fen; people read yuan. Other units are shown as they come. */
const toDisplay = (unit: MetricForecast['unit']) => (value: number) =>
  unit === 'fen' ? Math.round(value) / 100 : value;

type TableRow = { period: string; history: number | null } & Partial<Record<ForecastMethod, number | null>>;

function tableRows(data: MetricForecast, methods: readonly ForecastMethod[]): TableRow[] {
  const scale = toDisplay(data.unit);
  const rows: TableRow[] = data.points.map((p) => ({ period: p.period, history: scale(p.value) }));
  const byPeriod = new Map<string, TableRow>();
  for (const method of methods) {
    for (const p of data.forecasts[method] ?? []) {
      const row = byPeriod.get(p.period) ?? { period: p.period, history: null };
      row[method] = scale(p.value);
      byPeriod.set(p.period, row);
    }
  }
  return [...rows, ...byPeriod.values()];
}

/**
 * Forecasts of the operator's revenue, minutes, VIP count and churners by year, quarter or month
 * (seed 001 §八–九), every method side by side with its back-test, so the reader knows which to trust.
 */
export function ForecastsPage() {
  const { t } = useTranslation();
  const [metric, setMetric] = useState<ForecastMetric>('revenue');
  const [granularity, setGranularity] = useState<ForecastGranularity>('month');
  const [horizon, setHorizon] = useState(3);
  const query = useQuery({
    queryKey: forecastKeys.metric(metric, granularity, horizon),
    queryFn: () => fetchMetricForecast(metric, granularity, horizon),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const seasonal = Boolean(data?.period);
  const methods = useMemo(() => FORECAST_METHODS.filter((m) => m !== 'seasonal' || seasonal), [seasonal]);
  const option = useMemo(() => {
    if (!data) return null;
    const lines = methods.flatMap((method) => {
      const points = data.forecasts[method];
      return points
        ? [{ method, label: t(`forecasts.method.${method}`), points, best: method === data.best }]
        : [];
    });
    return forecastChartOption(data.points, t('forecasts.history'), lines, toDisplay(data.unit));
  }, [data, methods, t]);

  const unitLabel = data ? t(`forecasts.unit.${data.unit}`) : '';
  const csv = (): CsvExport => {
    const rows = data ? tableRows(data, methods) : [];
    return {
      filename: `forecast-${metric}-${granularity}.csv`,
      headers: [
        t('forecasts.period'),
        t('forecasts.history'),
        ...methods.map((m) => t(`forecasts.method.${m}`)),
      ],
      rows: rows.map((r) => [r.period, r.history, ...methods.map((m) => r[m] ?? null)]),
    };
  };

  return (
    <Flex vertical gap={16} data-testid="forecasts-page">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('forecasts.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('forecasts.subtitle')}</Typography.Text>
      </div>
      <Flex gap={12} align="center" wrap>
        <Select<ForecastMetric>
          value={metric}
          onChange={setMetric}
          style={{ minWidth: 160 }}
          options={FORECAST_METRICS.map((m) => ({ value: m, label: t(`forecasts.metric.${m}`) }))}
          data-testid="forecast-metric"
        />
        <Segmented
          value={granularity}
          onChange={(value) => setGranularity(FORECAST_GRANULARITIES.find((g) => g === value) ?? 'month')}
          options={FORECAST_GRANULARITIES.map((g) => ({ value: g, label: t(`forecasts.granularity.${g}`) }))}
          data-testid="forecast-granularity"
        />
        <InputNumber
          min={1}
          max={24}
          value={horizon}
          onChange={(value) => setHorizon(value ?? 1)}
          addonBefore={t('forecasts.horizon')}
        />
      </Flex>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {!data && query.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      )}
      {data && option && (
        <>
          <ChartTableCard
            title={`${t('forecasts.chartTitle')} (${unitLabel})`}
            testId="forecast-chart-card"
            csv={csv}
            chart={
              data.points.length === 0 ? (
                <Empty description={t('forecasts.empty')} />
              ) : (
                <EChart option={option} height={340} data-testid="forecast-chart" />
              )
            }
            table={
              <Table<TableRow>
                size="small"
                rowKey="period"
                pagination={{ pageSize: 24 }}
                dataSource={tableRows(data, methods)}
                columns={[
                  { title: t('forecasts.period'), dataIndex: 'period' },
                  { title: t('forecasts.history'), dataIndex: 'history', align: 'right' },
                  ...methods.map((m) => ({
                    title: t(`forecasts.method.${m}`),
                    dataIndex: m,
                    align: 'right' as const,
                  })),
                ]}
              />
            }
          />
          {data.partial.length > 0 && (
            <Typography.Text type="secondary">
              {t('forecasts.partial', { periods: data.partial.join(', ') })}
            </Typography.Text>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card title={t('forecasts.backtest.title')} size="small">
                <BacktestTable
                  methods={methods}
                  backtest={data.backtest}
                  notApplicable={data.notApplicable}
                  best={data.best}
                  formatError={(v) => `${toDisplay(data.unit)(v).toLocaleString()} ${unitLabel}`}
                />
                <Typography.Text type={data.best ? undefined : 'secondary'}>
                  {data.best
                    ? t('forecasts.backtest.best', { method: t(`forecasts.method.${data.best}`) })
                    : t('forecasts.backtest.noBest')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <LinearParamsCard params={data.params} growth={data.growth} />
            </Col>
          </Row>
        </>
      )}
      <CustomForecast />
    </Flex>
  );
}
