import { Card, Empty, Flex, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Ticket } from '../../api/types-360';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { SlaStateTag } from '../tickets/TicketTags';
import { useTicketCategories } from '../tickets/useTicketCategories';

const STATUS_COLORS: Record<string, string> = {
  open: 'orange',
  waiting_customer: 'gold',
  resolved: 'green',
  closed: 'default',
};

const isOwn = (ticket: Ticket): ticket is Ticket & { id: number; ticketNo: string } =>
  typeof ticket.id === 'number' && typeof ticket.ticketNo === 'string';

/**
 * The subscriber's tickets: vipdesk's own (linked to the ticket page, with their SLA state) and the
 * complaints imported from the operator's system (their complaint number; an open one past its due time
 * in red).
 */
export function TicketsCard({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  const { nameOf } = useTicketCategories();
  const categoryName = (code: string) => {
    const name = nameOf(code);
    return name === code ? codeLabel(t, 'ticketCategory', code) : name;
  };
  const columns: ColumnsType<Ticket> = [
    {
      key: 'no',
      title: t('s360.tickets.no'),
      render: (_, r) =>
        isOwn(r) ? (
          <Link to={`/tickets/${r.id}`} data-testid={`s360-ticket-link-${r.id}`}>
            {r.ticketNo}
          </Link>
        ) : (
          <Flex gap={4} align="center">
            <span>{r.complaintNo}</span>
            <Tag>{t('tickets.s360.imported')}</Tag>
          </Flex>
        ),
    },
    {
      key: 'category',
      title: t('s360.tickets.category'),
      render: (_, r) => (
        <>
          {categoryName(r.category)}
          {r.title && <div style={{ fontSize: 12, opacity: 0.7 }}>{r.title}</div>}
        </>
      ),
    },
    {
      key: 'status',
      title: t('s360.tickets.status'),
      render: (_, r) => (
        <Tag color={STATUS_COLORS[r.status]}>
          {isOwn(r)
            ? t(`tickets.status.${r.status}`, { defaultValue: r.status })
            : codeLabel(t, 'ticketStatus', r.status)}
        </Tag>
      ),
    },
    { key: 'opened', title: t('s360.tickets.openedAt'), render: (_, r) => formatDateTime(r.openedAt) },
    {
      key: 'sla',
      title: t('s360.tickets.slaDueAt'),
      responsive: ['md'],
      render: (_, r) => {
        const overdue =
          r.status !== 'closed' &&
          r.status !== 'resolved' &&
          r.slaDueAt !== null &&
          dayjs(r.slaDueAt).isBefore(dayjs());
        return (
          <Flex gap={4} align="center" wrap>
            <span style={overdue ? { color: '#cf1322' } : undefined}>{formatDateTime(r.slaDueAt)}</span>
            {r.slaState && <SlaStateTag state={r.slaState} />}
          </Flex>
        );
      },
    },
    {
      key: 'resolved',
      title: t('s360.tickets.resolvedAt'),
      responsive: ['lg'],
      render: (_, r) => formatDateTime(r.resolvedAt),
    },
  ];
  return (
    <Card title={t('s360.tickets.title')} style={{ height: '100%' }} data-testid="s360-tickets">
      {tickets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('s360.tickets.none')} />
      ) : (
        <Table<Ticket>
          rowKey={(r) => (isOwn(r) ? `t${r.id}` : `c${r.complaintNo}`)}
          size="small"
          columns={columns}
          dataSource={tickets}
          onRow={(r) =>
            ({
              'data-testid': isOwn(r) ? `s360-ticket-${r.id}` : `s360-complaint-${r.complaintNo}`,
              'data-ticket-no': r.ticketNo ?? r.complaintNo ?? '',
              'data-sla-state': r.slaState ?? '',
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={tickets.length > 8 ? { pageSize: 8, size: 'small' } : false}
        />
      )}
    </Card>
  );
}
