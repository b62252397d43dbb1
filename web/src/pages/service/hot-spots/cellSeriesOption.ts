import type { SeriesPoint } from '../../../api/types-service';
import type { ChartOption } from '../../../charts/echarts';

/**
 * A cell's weekly complaints (bars) against its own baseline expectation (dashed line), with the
 * hot spot's week highlighted: the weeks after it show whether the problem went away.
 */
export function cellSeriesOption(
  series: readonly SeriesPoint[],
  focusWeekStart: string,
  labels: { observed: string; expected: string },
  phases?: readonly { weekStart: string; color: string }[],
): ChartOption {
  const colorOf = new Map((phases ?? []).map((p) => [p.weekStart, p.color]));
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { data: [labels.observed, labels.expected], top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: series.map((p) => p.week), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: labels.observed,
        type: 'bar',
        barMaxWidth: 28,
        data: series.map((p) => ({
          value: p.observed,
          itemStyle: {
            color: p.weekStart === focusWeekStart ? '#cf1322' : (colorOf.get(p.weekStart) ?? '#5b8ff9'),
          },
        })),
      },
      {
        name: labels.expected,
        type: 'line',
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { type: 'dashed', color: '#595959' },
        itemStyle: { color: '#595959' },
        data: series.map((p) => (p.expected === null ? null : Math.round(p.expected * 10) / 10)),
      },
    ],
  };
}
