import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Input, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consumptionKeys, fetchSegmentConsumption, type SegmentFilter } from '../../api/consumption';
import { EChart } from '../../charts/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { codeLabel } from '../../i18n/codes';
import { CsvButton } from '../service/CsvButton';
import { segmentChartOption } from './consumptionCharts';
import { SegmentTable } from './SegmentTable';
import { segmentsCsv } from './segmentCsv';

// The same codes the server accepts (src/features/scoring/rules); anything else is a 400.
const TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning'] as const;
const STAGES = ['intro', 'growth', 'mature', 'decline', 'churned'] as const;

/** Consumption per tier × city of the current scoring run (analytics.read; leads see their team). */
export function SegmentConsumptionPage() {
  const { t } = useTranslation();
  const [tier, setTier] = useState<string | undefined>();
  const [lifecycleStage, setLifecycleStage] = useState<string | undefined>();
  const [cityInput, setCityInput] = useState('');
  const city = useDebouncedValue(cityInput.trim(), 300);
  const filter: SegmentFilter = useMemo(
    () => ({
      ...(tier ? { tier } : {}),
      ...(city ? { city } : {}),
      ...(lifecycleStage ? { lifecycleStage } : {}),
    }),
    [tier, city, lifecycleStage],
  );
  const result = useQuery({
    queryKey: consumptionKeys.segments(filter),
    queryFn: () => fetchSegmentConsumption(filter),
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const option = useMemo(
    () =>
      segmentChartOption(
        data?.segments ?? [],
        (row) => `${codeLabel(t, 'tier', row.tier)}·${row.city ?? ''}`,
        {
          parts: {
            voiceFen: t('consumption.card.voice'),
            dataFen: t('consumption.card.data'),
            valueAddedFen: t('consumption.card.valueAdded'),
            otherFen: t('consumption.card.other'),
          },
          arpu: t('consumption.page.columns.arpuMean'),
          revenueAxis: t('consumption.page.revenueAxis'),
          arpuAxis: t('consumption.page.arpuAxis'),
        },
      ),
    [data, t],
  );
  const all = t('consumption.page.filters.all');

  return (
    <Flex vertical gap={16} data-testid="consumption-page">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 0 }}>
          {t('consumption.page.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('consumption.page.subtitle')}</Typography.Text>
      </div>
      <Flex gap={12} align="center" wrap>
        <Select
          allowClear
          placeholder={`${t('consumption.page.filters.tier')}: ${all}`}
          style={{ minWidth: 180 }}
          value={tier}
          onChange={(value?: string) => setTier(value)}
          options={TIERS.map((code) => ({ value: code, label: codeLabel(t, 'tier', code) }))}
          data-testid="consumption-filter-tier"
        />
        <Input
          allowClear
          placeholder={`${t('consumption.page.filters.city')}: ${t('consumption.page.filters.cityPlaceholder')}`}
          style={{ width: 200 }}
          value={cityInput}
          onChange={(event) => setCityInput(event.target.value)}
          data-testid="consumption-filter-city"
        />
        <Select
          allowClear
          placeholder={`${t('consumption.page.filters.lifecycle')}: ${all}`}
          style={{ minWidth: 180 }}
          value={lifecycleStage}
          onChange={(value?: string) => setLifecycleStage(value)}
          options={STAGES.map((code) => ({ value: code, label: codeLabel(t, 'lifecycle', code) }))}
          data-testid="consumption-filter-lifecycle"
        />
        {data?.runId != null && (
          <Typography.Text type="secondary">
            {t('consumption.page.asOf', { asOf: data.asOf, runId: data.runId })}
          </Typography.Text>
        )}
      </Flex>
      {result.isError && <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />}
      {!data && result.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      )}
      {data && data.runId === null && <Empty description={t('consumption.page.noRun')} />}
      {data && data.runId !== null && (
        <>
          <Card title={t('consumption.page.chartTitle')} size="small">
            {data.segments.length === 0 ? (
              <Empty description={t('consumption.page.empty')} />
            ) : (
              <EChart option={option} height={340} data-testid="consumption-segments-chart" />
            )}
          </Card>
          <Card
            size="small"
            title={t('consumption.page.title')}
            extra={<CsvButton build={() => segmentsCsv(t, data)} testId="consumption-segments-csv" />}
          >
            <SegmentTable data={data} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('consumption.page.note')}
            </Typography.Text>
          </Card>
        </>
      )}
    </Flex>
  );
}
