import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchSubscriberContacts, ticketKeys } from '../../api/tickets';
import type { Contact } from '../../api/types-360';
import type { ComplaintAnalysis } from '../../api/types-tickets';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { ContactAnalysis } from '../contacts/ContactAnalysis';

/** A contact row: the 360's fields, plus the classifier's suggestion, the analysis and the ticket when known. */
type Row = Contact &
  Partial<ComplaintAnalysis> & {
    suggestedType?: string | null;
    ticket?: { id: number; ticketNo: string } | null;
  };

const hasAnalysis = (c: Row) => Boolean(c.fact || c.claim || c.emotion || c.opinion || c.complaintPsychology);

/**
 * Contact history, newest first: the type the agent confirmed (and the suggested one when it differed),
 * the four-part analysis of complaints (expand the row) and the ticket a contact opened. The 360 carries
 * the basic history; the contacts endpoint adds the analysis.
 */
export function ContactsCard({ subscriberId, contacts }: { subscriberId: number; contacts: Contact[] }) {
  const { t } = useTranslation();
  const detailed = useQuery({
    queryKey: ticketKeys.contacts(subscriberId),
    queryFn: () => fetchSubscriberContacts(subscriberId),
  });
  const rows: Row[] = detailed.data ? detailed.data.map((c) => ({ ...c, summary: c.note })) : contacts;

  const columns: ColumnsType<Row> = [
    {
      key: 'time',
      title: t('s360.contacts.time'),
      render: (_, c) => formatDateTime(c.occurredAt),
      width: 150,
    },
    {
      key: 'channel',
      title: t('s360.contacts.channel'),
      render: (_, c) => (
        <>
          {codeLabel(t, 'contactChannel', c.channel)}
          <Tag style={{ marginInlineStart: 6 }} color={c.direction === 'outbound' ? 'blue' : 'default'}>
            {codeLabel(t, 'contactDirection', c.direction)}
          </Tag>
        </>
      ),
    },
    {
      key: 'type',
      title: t('s360.contacts.type'),
      render: (_, c) => (
        <>
          <Tag
            color={c.type === 'complaint' || c.type === 'dissatisfaction' ? 'red' : undefined}
            data-testid={`contact-type-tag-${c.id}`}
          >
            {codeLabel(t, 'contactType', c.type)}
          </Tag>
          {c.suggestedType && c.suggestedType !== c.type && (
            <Tooltip title={t('tickets.s360.suggestedHelp')}>
              <Tag bordered={false} data-testid={`contact-suggested-tag-${c.id}`}>
                {t('tickets.s360.suggested', { type: codeLabel(t, 'contactType', c.suggestedType) })}
              </Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    {
      key: 'agent',
      title: t('s360.contacts.agent'),
      render: (_, c) => c.agentName ?? '—',
      responsive: ['md'],
    },
    { key: 'summary', title: t('s360.contacts.summary'), render: (_, c) => c.summary ?? '—', ellipsis: true },
    {
      key: 'ticket',
      title: t('tickets.s360.ticket'),
      render: (_, c) =>
        c.ticket ? (
          <Link to={`/tickets/${c.ticket.id}`} data-testid={`contact-ticket-${c.id}`}>
            {c.ticket.ticketNo}
          </Link>
        ) : (
          '—'
        ),
      responsive: ['lg'],
    },
  ];
  return (
    <Card title={t('s360.contacts.title')} style={{ height: '100%' }}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('s360.contacts.none')} />
      ) : (
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={detailed.isPending && contacts.length === 0}
          expandable={{
            rowExpandable: hasAnalysis,
            expandedRowRender: (c) => (
              <ContactAnalysis
                testId={`contact-analysis-${c.id}`}
                analysis={{
                  emotion: c.emotion ?? null,
                  fact: c.fact ?? null,
                  opinion: c.opinion ?? null,
                  claim: c.claim ?? null,
                  complaintPsychology: c.complaintPsychology ?? null,
                }}
              />
            ),
          }}
          onRow={(c) =>
            ({ 'data-testid': `contact-row-${c.id}`, 'data-type': c.type }) as HTMLAttributes<HTMLElement>
          }
          pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
          data-testid="contacts-table"
        />
      )}
    </Card>
  );
}
