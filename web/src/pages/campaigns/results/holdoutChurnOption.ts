import type { DailyChurnPoint } from '../../../api/types-supervision';
import type { ChartOption } from '../../../charts/echarts';

export type HoldoutChurnLabels = { treatment: string; holdout: string; day: string };

const TREATMENT_COLOR = '#1f5fbf';
const HOLDOUT_COLOR = '#8c8c8c';

const percent = (rate: number | null): number | null =>
  rate === null ? null : Math.round(rate * 10_000) / 100;

/**
 * Cumulative churn per arm by day since launch, in percent. The gap between the grey holdout line
 * and the blue treated line is what the campaign saved; a missing rate (empty arm) leaves a gap.
 */
export function holdoutChurnOption(
  points: readonly DailyChurnPoint[],
  labels: HoldoutChurnLabels,
): ChartOption {
  return {
    grid: { left: 48, right: 24, top: 36, bottom: 32 },
    legend: { top: 0, data: [labels.treatment, labels.holdout] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value.toFixed(2)}%` : '—'),
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      name: labels.day,
      nameLocation: 'middle',
      nameGap: 24,
      data: points.map((p) => p.date),
      axisLabel: { formatter: (date: string) => date.slice(5) },
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: labels.treatment,
        type: 'line',
        step: 'end',
        showSymbol: points.length <= 14,
        itemStyle: { color: TREATMENT_COLOR },
        data: points.map((p) => percent(p.treatment.rate)),
      },
      {
        name: labels.holdout,
        type: 'line',
        step: 'end',
        showSymbol: points.length <= 14,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: HOLDOUT_COLOR },
        data: points.map((p) => percent(p.holdout.rate)),
      },
    ],
  };
}
