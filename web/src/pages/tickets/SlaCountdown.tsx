import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/format';
import { formatMinutes, liveSla, overdueHours, SLA_TEXT_COLORS, type SlaSnapshot } from './slaView';
import { useNow } from './useNow';

type Props = {
  snapshot: SlaSnapshot;
  /** When the snapshot was fetched (react-query's dataUpdatedAt). */
  fetchedAt: number;
  testId?: string;
};

/** Time left on the SLA clock: orange from the warning, red "overdue Xh" once breached, a pause icon while paused. */
export function SlaCountdown({ snapshot, fetchedAt, testId = 'sla-countdown' }: Props) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const live = liveSla(snapshot, fetchedAt, Math.max(now, fetchedAt));
  const due = t('tickets.sla.dueAt', { time: formatDateTime(snapshot.dueAt) });
  const common = { 'data-testid': testId, 'data-state': live.state } as const;

  switch (live.state) {
    case 'paused':
      return (
        <Tooltip title={due}>
          <Typography.Text type="secondary" {...common}>
            <PauseCircleOutlined />{' '}
            {t('tickets.sla.pausedLeft', { time: formatMinutes(t, live.remainingMinutes) })}
          </Typography.Text>
        </Tooltip>
      );
    case 'met':
      return (
        <Tag color="green" {...common}>
          {t('tickets.slaState.met')}
        </Tag>
      );
    case 'missed':
      return (
        <Tag color="volcano" {...common}>
          {t('tickets.slaState.missed')}
        </Tag>
      );
    case 'breached':
      return (
        <Tooltip title={due}>
          <Typography.Text strong style={{ color: SLA_TEXT_COLORS.breached }} {...common}>
            {t('tickets.sla.overdueHours', { hours: overdueHours(live.overdueMinutes) })}
          </Typography.Text>
        </Tooltip>
      );
    default:
      return (
        <Tooltip title={due}>
          <Typography.Text style={{ color: SLA_TEXT_COLORS[live.state] }} {...common}>
            <ClockCircleOutlined /> {t('tickets.sla.left', { time: formatMinutes(t, live.remainingMinutes) })}
          </Typography.Text>
        </Tooltip>
      );
  }
}
