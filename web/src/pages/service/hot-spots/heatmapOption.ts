import type { ChartOption } from '../../../charts/echarts';

/** One heat-map cell: an area in a week, coloured by observed / expected (null: not known). */
export type HeatCell = {
  area: string;
  week: string;
  observed: number;
  expected: number | null;
  hot: boolean;
};

/** Ratios above this all get the darkest colour: beyond it "much more than usual" is enough to know. */
const RATIO_CAP = 4;

/**
 * Areas (rows) × weeks (columns), colour = observed / expected for one category. Cells that are hot
 * spots carry a bold label; cells with no baseline are left blank rather than shown as zero.
 */
export function heatmapOption(
  areas: readonly string[],
  weeks: readonly string[],
  cells: readonly HeatCell[],
  labels: { ratio: string; observed: string; expected: string },
): ChartOption {
  const areaIndex = new Map(areas.map((area, i) => [area, i]));
  const weekIndex = new Map(weeks.map((week, i) => [week, i]));
  const data = cells.flatMap((cell) => {
    const x = weekIndex.get(cell.week);
    const y = areaIndex.get(cell.area);
    if (x === undefined || y === undefined || cell.expected === null || cell.expected <= 0) return [];
    const ratio = Math.round((cell.observed / cell.expected) * 10) / 10;
    return [
      {
        value: [x, y, Math.min(ratio, RATIO_CAP)],
        ratio,
        observed: cell.observed,
        expected: cell.expected,
        area: cell.area,
        week: cell.week,
        label: { show: cell.hot, fontWeight: 'bold', formatter: `×${ratio.toFixed(1)}` },
        itemStyle: cell.hot ? { borderColor: '#262626', borderWidth: 1.5 } : undefined,
      },
    ];
  });
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (params: {
        data?: { ratio: number; observed: number; expected: number; area: string; week: string };
      }) => {
        const d = params.data;
        if (!d) return '';
        return `${d.area} · ${d.week}<br/>${labels.observed}: ${d.observed}<br/>${labels.expected}: ${d.expected.toFixed(1)}<br/>${labels.ratio}: ×${d.ratio.toFixed(1)}`;
      },
    },
    xAxis: { type: 'category', data: [...weeks], splitArea: { show: true }, axisLabel: { rotate: 30 } },
    yAxis: { type: 'category', data: [...areas], splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: RATIO_CAP,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: [`≥×${RATIO_CAP}`, '×0'],
      inRange: { color: ['#f0f5ff', '#fff7e6', '#ffc069', '#fa541c', '#a8071a'] },
    },
    series: [{ name: 'ratio', type: 'heatmap', data, emphasis: { itemStyle: { shadowBlur: 6 } } }],
  };
}
