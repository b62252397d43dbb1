import { useMemo } from 'react';
import type { ServiceReport } from '../../api/service-report';
import { EChart } from '../../charts/EChart';
import { billTrendOption } from './billTrendOption';

type BillTrendChartProps = { trend: ServiceReport['billTrend']; language: string; spendLabel: string };

export function BillTrendChart({ trend, language, spendLabel }: BillTrendChartProps) {
  const option = useMemo(() => billTrendOption(trend, language, spendLabel), [trend, language, spendLabel]);
  return <EChart option={option} height={220} data-testid="service-report-bill-chart" />;
}
