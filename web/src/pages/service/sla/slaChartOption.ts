import type { ChartOption } from '../../../charts/echarts';
import { targetColor } from './slaFormat';

/** One bar: an on-time rate with its 95% interval (shares, 0.97 = 97%). */
export type SlaBar = {
  label: string;
  rate: number | null;
  interval: { low: number; high: number } | null;
  targetMet: boolean | null;
  onTime: number;
  decided: number;
};

const percent = (share: number) => Math.round(share * 1000) / 10;

/**
 * On-time rate per key as bars, the 95% interval of each as a whisker (a two-point line series, as the
 * campaign uplift chart draws them) and the target as a dashed mark line. The y axis starts a little
 * under the lowest whisker or the target, so the gap to 98% is visible instead of squashed at the top.
 */
export function slaChartOption(bars: readonly SlaBar[], target: number, targetLabel: string): ChartOption {
  const labels = bars.map((bar) => bar.label);
  const lowest = Math.min(
    target,
    ...bars.flatMap((bar) => [bar.rate ?? 1, bar.interval ? bar.interval.low : 1]),
  );
  const yMin = Math.max(0, Math.floor((percent(lowest) - 2) / 5) * 5);
  const whiskers = bars.flatMap((bar) =>
    bar.interval
      ? [
          {
            type: 'line',
            silent: true,
            symbol: 'rect',
            symbolSize: [12, 2],
            lineStyle: { width: 1.5, color: '#262626' },
            itemStyle: { color: '#262626' },
            data: [
              [bar.label, percent(bar.interval.low)],
              [bar.label, percent(bar.interval.high)],
            ],
            z: 3,
          },
        ]
      : [],
  );
  return {
    grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params: { dataIndex?: number; seriesName?: string }) => {
        const bar = params.seriesName === 'rate' ? bars[params.dataIndex ?? -1] : undefined;
        if (!bar) return '';
        const rate = bar.rate === null ? '—' : `${percent(bar.rate).toFixed(1)}%`;
        const interval = bar.interval
          ? ` [${percent(bar.interval.low).toFixed(1)}%, ${percent(bar.interval.high).toFixed(1)}%]`
          : '';
        return `${bar.label}<br/>${rate}${interval}<br/>${bar.onTime} / ${bar.decided}`;
      },
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', min: yMin, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: 'rate',
        type: 'bar',
        barMaxWidth: 48,
        data: bars.map((bar) => ({
          value: bar.rate === null ? null : percent(bar.rate),
          itemStyle: { color: targetColor(bar.targetMet) },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#1f5fbf', width: 1.5 },
          label: { formatter: targetLabel, position: 'end' },
          data: [{ yAxis: percent(target) }],
        },
        z: 2,
      },
      ...whiskers,
    ],
  };
}
