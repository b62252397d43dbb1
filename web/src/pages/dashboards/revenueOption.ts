import type { ChartOption } from '../../charts/echarts';
import { compactNumber, TIER_CHART_COLORS } from './chartFormat';

export type RevenueBar = { key: string; label: string; yuan: number; subscribers: number };

/**
 * Revenue at risk in yuan: per tier as columns (left) and per churn signal as bars (right, largest on
 * top). A subscriber with several signals counts under each, so the right side is not a split of the left.
 */
export function revenueOption(
  byTier: readonly RevenueBar[],
  bySignal: readonly RevenueBar[],
  titles: { byTier: string; bySignal: string; series: string },
  language: string,
): ChartOption {
  const signals = [...bySignal].sort((a, b) => a.yuan - b.yuan);
  const axisLabel = { formatter: (value: number) => compactNumber(value, language) };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    title: [
      { text: titles.byTier, left: '20%', top: 0, textAlign: 'center', textStyle: { fontSize: 13 } },
      { text: titles.bySignal, left: '72%', top: 0, textAlign: 'center', textStyle: { fontSize: 13 } },
    ],
    grid: [
      { left: 8, width: '36%', top: 32, bottom: 8, containLabel: true },
      { left: '46%', right: 24, top: 32, bottom: 8, containLabel: true },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: byTier.map((bar) => bar.label), axisLabel: { interval: 0 } },
      { type: 'value', gridIndex: 1, axisLabel },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, axisLabel },
      { type: 'category', gridIndex: 1, data: signals.map((bar) => bar.label) },
    ],
    series: [
      {
        name: titles.series,
        type: 'bar',
        stack: 'tier',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barMaxWidth: 48,
        data: byTier.map((bar) => ({
          value: bar.yuan,
          itemStyle: { color: TIER_CHART_COLORS[bar.key] ?? '#1f5fbf' },
        })),
      },
      {
        name: titles.series,
        type: 'bar',
        stack: 'signal',
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 22,
        itemStyle: { color: '#d4380d' },
        data: signals.map((bar) => bar.yuan),
      },
    ],
  };
}
