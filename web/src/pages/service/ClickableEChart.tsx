import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from '../../charts/echarts';

/** What ECharts passes to a click handler: the clicked item's series and data. */
export type ChartClick = { seriesName?: string; dataIndex?: number; data?: unknown };

type Props = {
  option: ChartOption;
  height?: number;
  onClick: (params: ChartClick) => void;
  'data-testid'?: string;
};

/**
 * The shared EChart with a click handler (the heat map's cells open the drill-down). The handler is
 * kept in a ref so a new function on each render does not rebind the chart's listener.
 */
export function ClickableEChart({ option, height = 260, onClick, 'data-testid': testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handler = useRef(onClick);
  handler.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => handler.current(params as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />;
}
