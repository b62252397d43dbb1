import type { ChartOption } from '../../charts/echarts';
import { toPercent } from './chartFormat';

export type ChurnTrendLine = {
  month: string;
  predicted: number | null;
  actual: number | null;
  complete: boolean;
};

/**
 * Predicted (mean churn probability) against actual churn rate per scoring month, in percent. An
 * actual rate whose horizon is still open is drawn hollow: it can only grow.
 */
export function churnTrendOption(
  points: readonly ChurnTrendLine[],
  labels: { predicted: string; actual: string; partial: string },
): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.predicted, labels.actual] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '—'),
    },
    xAxis: { type: 'category', boundaryGap: points.length < 3, data: points.map((p) => p.month) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: labels.predicted,
        type: 'line',
        symbolSize: 8,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#1f5fbf' },
        data: points.map((p) => toPercent(p.predicted)),
      },
      {
        name: labels.actual,
        type: 'line',
        symbolSize: 8,
        itemStyle: { color: '#cf1322' },
        data: points.map((p) => ({
          value: toPercent(p.actual),
          symbol: p.complete ? 'circle' : 'emptyCircle',
          name: p.complete ? '' : labels.partial,
        })),
      },
    ],
  };
}
