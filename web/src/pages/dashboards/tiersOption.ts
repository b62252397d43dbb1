import type { ChartOption } from '../../charts/echarts';
import { PALETTE, TIER_CHART_COLORS } from './chartFormat';

export type Slice = { key: string; label: string; value: number };

/**
 * Two doughnuts side by side: subscribers per operating tier (left) and per lifecycle stage (right),
 * so the reader sees both splits of the same base at once.
 */
export function tiersOption(
  tiers: readonly Slice[],
  stages: readonly Slice[],
  titles: { tiers: string; stages: string },
): ChartOption {
  const pie = (slices: readonly Slice[], center: string, colors: (key: string, index: number) => string) => ({
    type: 'pie',
    radius: ['38%', '64%'],
    center: [center, '56%'],
    avoidLabelOverlap: true,
    label: { formatter: '{b}\n{d}%' },
    data: slices.map((slice, index) => ({
      name: slice.label,
      value: slice.value,
      itemStyle: { color: colors(slice.key, index) },
    })),
  });
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    title: [
      { text: titles.tiers, left: '25%', top: 4, textAlign: 'center', textStyle: { fontSize: 13 } },
      { text: titles.stages, left: '75%', top: 4, textAlign: 'center', textStyle: { fontSize: 13 } },
    ],
    series: [
      pie(
        tiers,
        '25%',
        (key, index) => TIER_CHART_COLORS[key] ?? PALETTE[index % PALETTE.length] ?? '#8c8c8c',
      ),
      pie(stages, '75%', (_key, index) => PALETTE[index % PALETTE.length] ?? '#8c8c8c'),
    ],
  };
}
