import type { ChartOption } from '../../charts/echarts';
import { fenToYuan, formatMonthShort } from '../../format/format';

/** The bill trend as ECharts draws it: six months of spend, in yuan, as bars with their values. */
export function billTrendOption(
  trend: { months: string[]; spendFen: (number | null)[] },
  language: string,
  spendLabel: string,
): ChartOption {
  return {
    // No animation: the printed page must show the bars, not the first frames of their growth.
    animation: false,
    grid: { left: 48, right: 16, top: 28, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `¥${v.toFixed(2)}` : '—'),
    },
    xAxis: {
      type: 'category',
      data: trend.months,
      axisLabel: { interval: 0, formatter: (month: string) => formatMonthShort(month, language) },
    },
    yAxis: { type: 'value', axisLabel: { formatter: '¥{value}' } },
    series: [
      {
        name: spendLabel,
        type: 'bar',
        barWidth: '45%',
        itemStyle: { color: '#1f5fbf' },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `¥${p.value.toFixed(0)}` : ''),
        },
        data: trend.spendFen.map(fenToYuan),
      },
    ],
  };
}
