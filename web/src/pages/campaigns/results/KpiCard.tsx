import { Card, Flex, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';

type KpiCardProps = {
  title: string;
  /** The headline figure; null shows a dash and the note instead. */
  value: string | null;
  /** The 95% interval, as text. */
  interval?: string | null;
  /** Counts behind the figure ("312 / 1,204"). */
  detail?: ReactNode;
  /** Why there is no figure, or what to keep in mind. */
  note?: string | null;
  help?: string;
  color?: string;
  testId?: string;
};

/** One results figure with its interval and what it is counted from. */
export function KpiCard({ title, value, interval, detail, note, help, color, testId }: KpiCardProps) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Flex vertical gap={4}>
        <Tooltip title={help}>
          <Typography.Text type="secondary">{title}</Typography.Text>
        </Tooltip>
        <span
          className="vd-big-number"
          style={{ fontSize: 28, color: value === null ? undefined : color }}
          data-testid={testId ? `${testId}-value` : undefined}
        >
          {value ?? '—'}
        </span>
        {interval && (
          <Typography.Text style={{ fontSize: 12 }} data-testid={testId ? `${testId}-interval` : undefined}>
            {interval}
          </Typography.Text>
        )}
        {detail && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {detail}
          </Typography.Text>
        )}
        {note && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {note}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
