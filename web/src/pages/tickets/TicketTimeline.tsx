import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  MessageOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RiseOutlined,
  RollbackOutlined,
  SmileOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Card, Flex, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketEvent } from '../../api/types-tickets';
import { formatDateTime } from '../../format/format';
import { EVENT_COLORS, type EventNames, eventText } from './eventText';

const ICONS: Record<string, ReactNode> = {
  note: <MessageOutlined />,
  paused: <PauseCircleOutlined />,
  resumed: <PlayCircleOutlined />,
  warning: <WarningOutlined />,
  breached: <ExclamationCircleOutlined />,
  escalated: <RiseOutlined />,
  closed: <CheckCircleOutlined />,
  reopened: <RollbackOutlined />,
  revisit: <SmileOutlined />,
};

type Props = { events: TicketEvent[]; names: EventNames };

/** Everything that happened to the ticket, oldest first, each with who and when. */
export function TicketTimeline({ events, names }: Props) {
  const { t } = useTranslation();
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <Card title={t('tickets.detail.timeline')} size="small" data-testid="ticket-timeline">
      <Timeline
        items={ordered.map((event) => {
          const text = eventText(t, event, names);
          return {
            key: event.id,
            color: EVENT_COLORS[event.kind] ?? 'gray',
            icon: ICONS[event.kind] ?? <ClockCircleOutlined />,
            content: (
              <div data-testid={`ticket-event-${event.id}`} data-kind={event.kind}>
                <Flex gap={8} wrap align="baseline">
                  <Typography.Text strong>
                    {t(`tickets.event.${event.kind}`, { defaultValue: event.kind })}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(event.at)}
                    {' · '}
                    {event.actorName ?? t('tickets.detail.system')}
                  </Typography.Text>
                </Flex>
                {text && (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {text}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
