import type { ChartOption } from '../../../charts/echarts';

/** One row of the uplift chart: an estimate and its 95% interval, as shares (0.02 = 2 points). */
export type UpliftRow = { label: string; difference: number; low: number; high: number };

const points = (share: number) => Math.round(share * 10_000) / 100;

/** Above zero everywhere: a proven save; below zero everywhere: proven harm; otherwise not yet known. */
export function upliftColor(row: Pick<UpliftRow, 'low' | 'high'>): string {
  if (row.low > 0) return '#389e0d';
  if (row.high < 0) return '#cf1322';
  return '#8c8c8c';
}

/**
 * Save-rate uplift (holdout churn − treated churn) in percentage points, one horizontal error bar
 * per row: the whisker is the 95% interval, the diamond the estimate, the dashed line zero. Drawn
 * with line series only (the console registers line, bar and pie), one series per whisker.
 */
export function upliftOption(rows: readonly UpliftRow[], unit: string): ChartOption {
  const labels = rows.map((row) => row.label);
  const whiskers = rows.map((row) => ({
    type: 'line',
    silent: true,
    symbol: 'rect',
    symbolSize: [2, 14],
    lineStyle: { width: 2, color: upliftColor(row) },
    itemStyle: { color: upliftColor(row) },
    data: [
      [points(row.low), row.label],
      [points(row.high), row.label],
    ],
    z: 2,
  }));
  const first = labels[0];
  const last = labels[labels.length - 1];
  const zero =
    first !== undefined && last !== undefined
      ? [
          {
            type: 'line',
            silent: true,
            symbol: 'none',
            lineStyle: { width: 1, type: 'dashed', color: '#8c8c8c' },
            data: [
              [0, first],
              [0, last],
            ],
            z: 1,
          },
        ]
      : [];
  return {
    grid: { left: 8, right: 32, top: 16, bottom: 32, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params: { dataIndex?: number; seriesName?: string }) => {
        const row = params.seriesName === 'estimate' ? rows[params.dataIndex ?? -1] : undefined;
        if (!row) return '';
        return `${row.label}<br/>${points(row.difference).toFixed(1)} ${unit} [${points(row.low).toFixed(1)}, ${points(row.high).toFixed(1)}]`;
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (value: number) => `${value}` },
      name: unit,
      nameLocation: 'middle',
      nameGap: 24,
    },
    yAxis: { type: 'category', data: labels, inverse: true, axisTick: { show: false } },
    series: [
      ...zero,
      ...whiskers,
      {
        name: 'estimate',
        type: 'line',
        symbol: 'diamond',
        symbolSize: 12,
        lineStyle: { opacity: 0 },
        data: rows.map((row) => ({
          value: [points(row.difference), row.label],
          itemStyle: { color: upliftColor(row) },
        })),
        z: 3,
      },
    ],
  };
}
