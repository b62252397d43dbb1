import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../api/types-360';
import { EChart } from '../../../charts/EChart';
import { formatMonthShort, mbToGb } from '../../../format/format';

/** Minutes (bars, left axis) and data in GB (line, right axis). */
export function UsageChart({ series }: { series: Series }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const minutes = t('s360.charts.minutes');
  const data = t('s360.charts.data');
  const option = useMemo(
    () => ({
      // Legend below the plot: above it, it ran into the axis names.
      grid: { left: 48, right: 48, top: 32, bottom: 52 },
      legend: { bottom: 0, data: [minutes, data] },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: series.months,
        axisLabel: { interval: 0, formatter: (month: string) => formatMonthShort(month, language) },
      },
      yAxis: [
        { type: 'value', name: minutes, nameTextStyle: { align: 'left' }, splitLine: { show: true } },
        { type: 'value', name: 'GB', splitLine: { show: false } },
      ],
      series: [
        {
          name: minutes,
          type: 'bar',
          barMaxWidth: 24,
          itemStyle: { color: '#69b1ff' },
          data: series.minutes,
        },
        {
          name: data,
          type: 'line',
          yAxisIndex: 1,
          smooth: true,
          itemStyle: { color: '#fa8c16' },
          data: series.dataMb.map(mbToGb),
        },
      ],
    }),
    [series, minutes, data, language],
  );
  return <EChart option={option} height={240} data-testid="chart-usage" />;
}
