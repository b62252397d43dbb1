import { Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ChartOption } from '../../charts/echarts';
import { ChartTableCard, type CsvExport } from '../service/ChartTableCard';
import { EChart } from './dashboardCharts';

export type DashboardName =
  | 'tiers'
  | 'flows'
  | 'revenue-at-risk'
  | 'churn-trend'
  | 'signals'
  | 'campaigns'
  | 'sla'
  | 'agents';

type DashboardCardProps = {
  name: DashboardName;
  title: ReactNode;
  option: ChartOption;
  table: ReactNode;
  csv: () => CsvExport;
  /** Shown instead of the chart (and the table) when there is nothing to draw. */
  empty?: string | null;
  note?: ReactNode;
  extra?: ReactNode;
  /** Shown above both views (headline figures). */
  header?: ReactNode;
  height?: number;
};

/**
 * One dashboard: its chart, the same figures as a table and a CSV download (the service page's card),
 * with the test ids `dashboard-<name>`, `-chart`, `-table`, `-view` and `-csv`.
 */
export function DashboardCard({
  name,
  title,
  option,
  table,
  csv,
  empty,
  note,
  extra,
  header,
  height = 360,
}: DashboardCardProps) {
  const testId = `dashboard-${name}`;
  const emptyState = empty ? <Empty description={empty} data-testid={`${testId}-empty`} /> : null;
  return (
    <ChartTableCard
      testId={testId}
      title={title}
      extra={extra}
      chart={
        emptyState ?? (
          <>
            {header}
            <EChart option={option} height={height} data-testid={`${testId}-chart`} />
            {note && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {note}
              </Typography.Text>
            )}
          </>
        )
      }
      table={
        emptyState ?? (
          <>
            {header}
            <div data-testid={`${testId}-table`}>{table}</div>
          </>
        )
      }
      csv={csv}
    />
  );
}
