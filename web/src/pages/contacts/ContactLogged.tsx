import { Button, Descriptions, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LogContactResult } from '../../api/types-tickets';
import { formatDateTime } from '../../format/format';
import { SlaStateTag } from '../tickets/TicketTags';

/** The contact is saved; when it opened a ticket: its number, group and SLA due time, linked. */
export function ContactLogged({ result, onClose }: { result: LogContactResult; onClose: () => void }) {
  const { t } = useTranslation();
  const { ticket } = result;
  return (
    <Result
      status="success"
      title={t('contactLog.saved')}
      data-testid="contact-logged"
      subTitle={ticket ? t('contactLog.ticketOpened', { ticketNo: ticket.ticketNo }) : undefined}
      extra={
        <Button onClick={onClose} data-testid="contact-logged-close">
          {t('common.close')}
        </Button>
      }
    >
      {ticket && (
        <Descriptions size="small" column={1} bordered data-testid="contact-ticket">
          <Descriptions.Item label={t('tickets.fields.ticketNo')}>
            <Link to={`/tickets/${ticket.id}`} data-testid="contact-ticket-link" onClick={onClose}>
              {ticket.ticketNo}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.group')}>
            <span data-testid="contact-ticket-group">{ticket.groupName ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('tickets.fields.sla')}>
            <span data-testid="contact-ticket-due">
              {t('tickets.sla.dueAt', { time: formatDateTime(ticket.dueAt) })}
            </span>{' '}
            {ticket.slaState && <SlaStateTag state={ticket.slaState} />}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Result>
  );
}
