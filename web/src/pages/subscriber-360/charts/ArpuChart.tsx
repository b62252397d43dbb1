import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../api/types-360';
import { EChart } from '../../../charts/EChart';
import { fenToYuan } from '../../../format/format';

export function ArpuChart({ series }: { series: Series }) {
  const { t } = useTranslation();
  const label = t('s360.charts.spend');
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 24, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `¥${v.toFixed(2)}` : '—'),
      },
      xAxis: { type: 'category', data: series.months, boundaryGap: false },
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
    [series, label],
  );
  return <EChart option={option} height={240} data-testid="chart-arpu" />;
}
