import type { ChartOption } from '../../charts/echarts';

export type AgentBar = { name: string; saves: number; accepted: number };

/** The leaderboard as horizontal bars, best at the top: saves and accepted offers per agent. */
export function agentsOption(
  agents: readonly AgentBar[],
  labels: { saves: string; accepted: string },
): ChartOption {
  const ordered = [...agents].reverse();
  return {
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.saves, labels.accepted] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: ordered.map((a) => a.name) },
    series: [
      {
        name: labels.saves,
        type: 'bar',
        barMaxWidth: 16,
        itemStyle: { color: '#389e0d' },
        label: { show: true, position: 'right' },
        data: ordered.map((a) => a.saves),
      },
      {
        name: labels.accepted,
        type: 'bar',
        barMaxWidth: 16,
        itemStyle: { color: '#1f5fbf' },
        data: ordered.map((a) => a.accepted),
      },
    ],
  };
}
