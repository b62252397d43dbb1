import type { CSSProperties } from 'react';
import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts';

type Props = { option: ChartOption; height?: number; style?: CSSProperties; 'data-testid'?: string };

/** One ECharts instance bound to a div: created on mount, updated on option change, resized with its box. */
export function EChart({ option, height = 260, style, 'data-testid': testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
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

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, ...style }} />;
}
