import type { ChartOption } from '../../charts/echarts';
import { PALETTE, TIER_CHART_COLORS } from './chartFormat';

export type SignalBar = { code: string; label: string; subscribers: number; byTier: Record<string, number> };

/**
 * Subscribers flagged by each churn signal as horizontal bars, most common on top, stacked by operating
 * tier so the reader sees where each signal bites.
 */
export function signalsOption(
  signals: readonly SignalBar[],
  tiers: readonly { key: string; label: string }[],
): ChartOption {
  const sorted = [...signals].sort((a, b) => a.subscribers - b.subscribers);
  return {
    grid: { left: 8, right: 32, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: tiers.map((tier) => tier.label) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: sorted.map((signal) => signal.label) },
    series: tiers.map((tier, index) => ({
      name: tier.label,
      type: 'bar',
      stack: 'tiers',
      barMaxWidth: 22,
      itemStyle: { color: TIER_CHART_COLORS[tier.key] ?? PALETTE[index % PALETTE.length] },
      data: sorted.map((signal) => signal.byTier[tier.key] ?? 0),
    })),
  };
}
