import type { ForecastMethod, SeriesPoint } from '../../api/forecasts';
import type { ChartOption } from '../../charts/echarts';

export type ForecastLine = { method: ForecastMethod; label: string; points: SeriesPoint[]; best: boolean };

/**
 * History as a solid line, each method's forecast as a dashed line that starts at the last actual
 * point (so it reads as a continuation); the method the back-test trusts is drawn thicker.
 */
export function forecastChartOption(
  history: readonly SeriesPoint[],
  historyLabel: string,
  lines: readonly ForecastLine[],
  scale: (value: number) => number,
): ChartOption {
  const periods = [...history.map((p) => p.period)];
  for (const line of lines)
    for (const p of line.points) if (!periods.includes(p.period)) periods.push(p.period);
  const last = history[history.length - 1];
  const at = (points: readonly SeriesPoint[]) => {
    const byPeriod = new Map(points.map((p) => [p.period, scale(p.value)]));
    return periods.map((period) => byPeriod.get(period) ?? null);
  };
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', scale: true },
    series: [
      { name: historyLabel, type: 'line', data: at(history), symbolSize: 4, lineStyle: { width: 2 } },
      ...lines.map((line) => ({
        name: line.label,
        type: 'line',
        data: at(last ? [last, ...line.points] : line.points),
        connectNulls: false,
        symbolSize: 4,
        lineStyle: { type: 'dashed', width: line.best ? 3 : 1.5 },
      })),
    ],
  };
}
