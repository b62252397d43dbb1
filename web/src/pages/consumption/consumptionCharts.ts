import { ScatterChart } from 'echarts/charts';
import type { ConsumptionMeasure, MonthRevenue, PeerMeasure, SegmentRow } from '../../api/consumption';
import type { ChartOption } from '../../charts/echarts';
import { echarts } from '../../charts/echarts';

// The peer comparison marks the subscriber and the median as points; registering is global and idempotent.
echarts.use([ScatterChart]);

export const REVENUE_PARTS = ['voiceFen', 'dataFen', 'valueAddedFen', 'otherFen'] as const;
export type RevenuePart = (typeof REVENUE_PARTS)[number];
export const REVENUE_COLORS = ['#1f5fbf', '#13c2c2', '#faad14', '#bfbfbf'];

const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);

/** Stacked monthly bars of voice, data, value-added and other revenue (in yuan). */
export function revenueBarsOption(
  revenue: readonly MonthRevenue[],
  monthLabel: (month: string) => string,
  partLabel: (part: RevenuePart) => string,
): ChartOption {
  return {
    color: REVENUE_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 12, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: revenue.map((r) => monthLabel(r.month)) },
    yAxis: { type: 'value', name: '¥' },
    series: REVENUE_PARTS.map((part) => ({
      type: 'bar',
      stack: 'revenue',
      name: partLabel(part),
      data: revenue.map((r) => yuan(r[part])),
    })),
  };
}

export type PeerRow = { measure: ConsumptionMeasure; label: string; peer: PeerMeasure };

/** A value as an index of the peer median (median = 100), so spend, minutes and data share one axis. */
export function indexOfMedian(value: number | null, median: number | null): number | null {
  if (value === null || median === null || median === 0) return null;
  return Math.round((value / median) * 1000) / 10;
}

/**
 * Per measure a horizontal quartile band (P25–P75, as an index of the median) with the median at
 * 100 and the subscriber's point; measures without a median are left out.
 */
export function peerBandOption(
  rows: readonly PeerRow[],
  labels: { you: string; median: string; band: string },
): ChartOption {
  const usable = rows.filter((r) => r.peer.median !== null && r.peer.median !== 0);
  const low = usable.map((r) => indexOfMedian(r.peer.p25, r.peer.median));
  const width = usable.map((r, i) => {
    const high = indexOfMedian(r.peer.p75, r.peer.median);
    const from = low[i] ?? null;
    return high === null || from === null ? null : Math.round((high - from) * 10) / 10;
  });
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, data: [labels.band, labels.median, labels.you] },
    grid: { left: 64, right: 24, top: 8, bottom: 40 },
    xAxis: { type: 'value', name: '%', min: 0 },
    yAxis: { type: 'category', data: usable.map((r) => r.label) },
    series: [
      { type: 'bar', stack: 'band', itemStyle: { color: 'transparent' }, data: low, silent: true },
      {
        type: 'bar',
        stack: 'band',
        name: labels.band,
        itemStyle: { color: '#d6e4ff' },
        data: width,
        barWidth: 16,
      },
      {
        type: 'scatter',
        name: labels.median,
        symbol: 'rect',
        symbolSize: [3, 22],
        itemStyle: { color: '#595959' },
        data: usable.map(() => 100),
      },
      {
        type: 'scatter',
        name: labels.you,
        symbolSize: 12,
        itemStyle: { color: '#cf1322' },
        data: usable.map((r) => indexOfMedian(r.peer.value, r.peer.median)),
      },
    ],
  };
}

/** Night against the rest of the day, as shares of the data used. */
export function timeOfDayOption(night: number, labels: { night: string; day: string }): ChartOption {
  return {
    color: ['#2f54eb', '#ffd666'],
    tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '65%'],
        center: ['50%', '42%'],
        percentPrecision: 1,
        label: { formatter: '{d}%' },
        data: [
          { name: labels.night, value: Math.round(night * 1000) / 10 },
          { name: labels.day, value: Math.round((1 - night) * 1000) / 10 },
        ],
      },
    ],
  };
}

/** Per segment: stacked monthly revenue by part (bars) and ARPU mean (line, right axis), in yuan. */
export function segmentChartOption(
  segments: readonly SegmentRow[],
  segmentLabel: (row: SegmentRow) => string,
  labels: { parts: Record<RevenuePart, string>; arpu: string; revenueAxis: string; arpuAxis: string },
): ChartOption {
  return {
    color: [...REVENUE_COLORS, '#cf1322'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 64, right: 64, top: 32, bottom: 72 },
    xAxis: {
      type: 'category',
      data: segments.map(segmentLabel),
      axisLabel: { interval: 0, rotate: segments.length > 6 ? 30 : 0 },
    },
    yAxis: [
      { type: 'value', name: labels.revenueAxis },
      { type: 'value', name: labels.arpuAxis },
    ],
    series: [
      ...REVENUE_PARTS.map((part) => ({
        type: 'bar',
        stack: 'revenue',
        name: labels.parts[part],
        data: segments.map((s) => yuan(s.revenue[part])),
      })),
      {
        type: 'line',
        name: labels.arpu,
        yAxisIndex: 1,
        data: segments.map((s) => yuan(s.arpuMeanFen)),
      },
    ],
  };
}
