import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../api/types-360';
import { EChart } from '../../../charts/EChart';
import { fenToYuan, formatMonthShort } from '../../../format/format';

export function ArpuChart({ series }: { series: Series }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const label = t('s360.charts.spend');
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 24, top: 24, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `¥${v.toFixed(2)}` : '—'),
      },
      xAxis: {
        type: 'category',
        data: series.months,
        boundaryGap: false,
        axisLabel: { interval: 0, formatter: (month: string) => formatMonthShort(month, language) },
      },
      yAxis: { type: 'value', axisLabel: { formatter: '¥{value}' } },
      series: [
        {
          name: label,
          type: 'line',
          smooth: true,
          connectNulls: false,
          areaStyle: { opacity: 0.12 },
          itemStyle: { color: '#1f5fbf' },
          data: series.spendFen.map(fenToYuan),
        },
      ],
    }),
    [series, label, language],
  );
  return <EChart option={option} height={240} data-testid="chart-arpu" />;
}
