import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSlaReport, serviceKeys } from '../../../api/service';
import type { SlaReportBy } from '../../../api/types-service';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatPercent } from '../../../format/format';
import { ChartTableCard } from '../ChartTableCard';
import { EChart } from '../serviceCharts';
import { SlaKpis } from './SlaKpis';
import { SlaTable, slaCsv } from './SlaTable';
import { type SlaBar, slaChartOption } from './slaChartOption';
import { slaRowLabel } from './slaFormat';

const GROUPINGS: readonly SlaReportBy[] = ['category', 'group', 'level'];
const DAY = 'YYYY-MM-DD';

/** The last 30 days up to today, both ends included. */
function defaultRange(): [string, string] {
  const today = dayjs();
  return [today.subtract(29, 'day').format(DAY), today.format(DAY)];
}

/** On-time rate against the 98% target per category, service group or VIP level, over a period. */
export function SlaDashboard() {
  const { t, i18n } = useTranslation();
  const [[from, to], setRange] = useState<[string, string]>(defaultRange);
  const [by, setBy] = useState<SlaReportBy>('category');
  const report = useQuery({
    queryKey: serviceKeys.slaReport(from, to, by),
    queryFn: () => fetchSlaReport(from, to, by),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const target = data?.target ?? 0.98;
  const targetLabel = t('service.sla.targetLine', { target: formatPercent(target, 0) });
  const option = useMemo(() => {
    const bars: SlaBar[] = (data?.rows ?? []).map((row) => ({
      label: slaRowLabel(row, i18n.language),
      rate: row.onTimeRate,
      interval: row.interval,
      targetMet: row.targetMet,
      onTime: row.closedOnTime,
      decided: row.decided,
    }));
    return slaChartOption(bars, target, targetLabel);
  }, [data, target, targetLabel, i18n.language]);

  return (
    <Flex vertical gap={16} data-testid="sla-dashboard">
      <Flex gap={12} align="center" wrap>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          disabledDate={(date) => date.isAfter(dayjs(), 'day')}
          onChange={(range) => {
            const [start, end] = range ?? [];
            if (start && end) setRange([start.format(DAY), end.format(DAY)]);
          }}
          data-testid="sla-period"
        />
        <Segmented
          value={by}
          onChange={(value) => setBy(GROUPINGS.find((g) => g === value) ?? 'category')}
          options={GROUPINGS.map((g) => ({ value: g, label: t(`service.sla.by.${g}`) }))}
          data-testid="sla-by"
        />
        <Typography.Text type="secondary">{t('service.sla.periodNote')}</Typography.Text>
      </Flex>
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {!data && report.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      )}
      {data && (
        <>
          <SlaKpis overall={data.overall} />
          <ChartTableCard
            testId="sla-chart-card"
            title={t('service.sla.chartTitle', { by: t(`service.sla.by.${data.by}`) })}
            chart={
              data.rows.length === 0 ? (
                <Empty description={t('service.sla.empty')} />
              ) : (
                <>
                  <EChart option={option} height={320} data-testid="sla-chart" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('service.sla.chartLegend', { target: formatPercent(target, 0) })}
                  </Typography.Text>
                </>
              )
            }
            table={<SlaTable rows={data.rows} by={data.by} />}
            csv={() => slaCsv(t, i18n.language, data)}
          />
        </>
      )}
    </Flex>
  );
}
