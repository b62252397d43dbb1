import { Card, Descriptions, Flex, List, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketSla } from '../../api/types-tickets';
import { formatDateTime } from '../../format/format';
import { SlaCountdown } from './SlaCountdown';
import { formatMinutes, liveSla } from './slaView';
import { SlaStateTag } from './TicketTags';
import { useNow } from './useNow';

const PROGRESS_COLORS: Record<string, string> = {
  on_track: '#52c41a',
  warning: '#fa8c16',
  breached: '#f5222d',
  paused: '#bfbfbf',
  met: '#52c41a',
  missed: '#f5222d',
};

type Props = { sla: TicketSla; fetchedAt: number };

/** The SLA clock: live countdown, a bar of the time used, due / warning / escalation times and the pauses. */
export function SlaPanel({ sla, fetchedAt }: Props) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const snapshot = {
    state: sla.state,
    dueAt: sla.dueAt,
    warningAt: sla.warningAt,
    remainingMinutes: sla.remainingMinutes,
    overdueMinutes: sla.overdueMinutes,
  };
  const live = liveSla(snapshot, fetchedAt, Math.max(now, fetchedAt));
  const used =
    live.state === 'breached'
      ? sla.limitMinutes + live.overdueMinutes
      : sla.limitMinutes - live.remainingMinutes;
  const percent = sla.limitMinutes > 0 ? Math.min(100, Math.round((used / sla.limitMinutes) * 100)) : 100;

  return (
    <Card
      title={t('tickets.detail.sla')}
      size="small"
      data-testid="ticket-sla"
      data-state={live.state}
      extra={<SlaStateTag state={live.state} testId="ticket-sla-state" />}
    >
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <span style={{ fontSize: 18 }}>
            <SlaCountdown snapshot={snapshot} fetchedAt={fetchedAt} testId="ticket-sla-countdown" />
          </span>
          <Typography.Text data-testid="ticket-sla-due">
            {t('tickets.sla.dueAt', { time: formatDateTime(sla.dueAt) })}
          </Typography.Text>
        </Flex>
        <Progress
          percent={percent}
          strokeColor={PROGRESS_COLORS[live.state]}
          status={live.state === 'breached' || live.state === 'missed' ? 'exception' : 'normal'}
          format={() => `${formatMinutes(t, Math.max(0, used))} / ${formatMinutes(t, sla.limitMinutes)}`}
          data-testid="ticket-sla-progress"
        />
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('tickets.sla.limit')}>
            {formatMinutes(t, sla.limitMinutes)} (
            {t(`tickets.sla.clock.${sla.clock}`, { defaultValue: sla.clock })})
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.sla.warningAt')}>
            <span data-testid="ticket-sla-warning-at">{formatDateTime(sla.warningAt)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.sla.groupLeadAt')}>
            {formatDateTime(sla.escalations.groupLead)}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.sla.managerAt')}>
            {formatDateTime(sla.escalations.manager)}
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.sla.escalationLevel')}>
            <span data-testid="ticket-escalation">{t(`tickets.escalation.${sla.escalationLevel}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.sla.elapsed')}>
            {formatMinutes(t, sla.elapsedMinutes)}
          </Descriptions.Item>
        </Descriptions>
        {sla.pauses.length > 0 && (
          <div data-testid="ticket-sla-pauses">
            <Typography.Text type="secondary">{t('tickets.sla.pauses')}</Typography.Text>
            <List
              size="small"
              dataSource={sla.pauses}
              renderItem={(pause) => (
                <List.Item style={{ paddingInline: 0 }}>
                  {formatDateTime(pause.pausedAt)} →{' '}
                  {pause.resumedAt ? formatDateTime(pause.resumedAt) : t('tickets.sla.stillPaused')}
                </List.Item>
              )}
            />
          </div>
        )}
      </Flex>
    </Card>
  );
}
