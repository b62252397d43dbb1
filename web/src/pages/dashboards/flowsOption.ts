import type { ChartOption } from '../../charts/echarts';
import { TIER_CHART_COLORS } from './chartFormat';

export type FlowLink = { from: string | null; to: string | null; subscribers: number };
export type FlowLabels = {
  /** The tier's name (null: not scored on that side). */
  tier: (tier: string | null, side: 'from' | 'to') => string;
};

/**
 * A Sankey from last month's tiers (left) to this month's (right). ECharts needs distinct node names
 * and no cycles, so each side's node carries its side: the same tier appears once on each.
 */
export function flowsOption(flows: readonly FlowLink[], labels: FlowLabels): ChartOption {
  const nodes = new Map<string, { name: string; itemStyle: { color: string }; depth: number }>();
  const node = (tier: string | null, side: 'from' | 'to') => {
    const name = labels.tier(tier, side);
    if (!nodes.has(name)) {
      nodes.set(name, {
        name,
        depth: side === 'from' ? 0 : 1,
        itemStyle: { color: (tier && TIER_CHART_COLORS[tier]) || '#bfbfbf' },
      });
    }
    return name;
  };
  const links = flows
    .filter((flow) => flow.subscribers > 0)
    .map((flow) => ({
      source: node(flow.from, 'from'),
      target: node(flow.to, 'to'),
      value: flow.subscribers,
    }));
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 140,
        top: 16,
        bottom: 16,
        nodeAlign: 'justify',
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.45 },
        label: { fontSize: 12 },
        data: [...nodes.values()],
        links,
      },
    ],
  };
}
