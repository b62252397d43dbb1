import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { fetchServiceGroups, fetchTicket, ticketKeys } from '../../api/tickets';
import type { TicketDetail } from '../../api/types-tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { ContactAnalysis } from '../contacts/ContactAnalysis';
import { RevisitsList } from './RevisitsList';
import { SlaPanel } from './SlaPanel';
import { TicketActions } from './TicketActions';
import { TicketStatusTag } from './TicketTags';
import { TicketTimeline } from './TicketTimeline';
import { useTicketCategories } from './useTicketCategories';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/tickets">
      <ArrowLeftOutlined /> {t('tickets.title')}
    </Link>
  );
}

/** One ticket: header, SLA clock, timeline, actions, the complaint's analysis and the revisits. */
export function TicketPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const ticket = useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: () => fetchTicket(id),
    enabled: valid,
    refetchInterval: 60_000,
  });

  if (!valid || isApiError(ticket.error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title={t('tickets.notFound')}
        data-testid="ticket-not-found"
        extra={
          <Link to="/tickets">
            <Button type="primary">{t('tickets.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (ticket.isError && !ticket.data) {
    return <ErrorAlert error={ticket.error} onRetry={() => void ticket.refetch()} />;
  }
  if (!ticket.data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  return (
    <TicketView
      ticket={ticket.data}
      fetchedAt={ticket.dataUpdatedAt}
      onRefetch={() => void ticket.refetch()}
    />
  );
}

function TicketView({
  ticket,
  fetchedAt,
  onRefetch,
}: {
  ticket: TicketDetail;
  fetchedAt: number;
  onRefetch: () => void;
}) {
  const { t } = useTranslation();
  const { nameOf } = useTicketCategories();
  const groups = useQuery({
    queryKey: ticketKeys.groups,
    queryFn: fetchServiceGroups,
    staleTime: 5 * 60_000,
  });
  // Events name users by id (assigned to, escalated to): the service groups know their names.
  const names = useMemo(() => {
    const users = new Map<number, string>();
    for (const group of groups.data ?? []) {
      for (const member of group.members) users.set(member.userId, member.name);
      if (group.leadUserId !== null && group.leadName) users.set(group.leadUserId, group.leadName);
      if (group.managerUserId !== null && group.managerName)
        users.set(group.managerUserId, group.managerName);
    }
    if (ticket.assigneeUserId !== null && ticket.assigneeName)
      users.set(ticket.assigneeUserId, ticket.assigneeName);
    return { categoryName: nameOf, userName: (id: number) => users.get(id) ?? null };
  }, [groups.data, nameOf, ticket.assigneeUserId, ticket.assigneeName]);
  return (
    <Flex
      vertical
      gap={16}
      data-testid="ticket-page"
      data-ticket-id={ticket.id}
      data-version={ticket.version}
    >
      <BackLink />
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="ticket-no">
          {ticket.ticketNo}
        </Typography.Title>
        <TicketStatusTag status={ticket.status} testId="ticket-status" />
        <Tag data-testid="ticket-category">{nameOf(ticket.category)}</Tag>
        <Tag color="gold" data-testid="ticket-vip">
          {codeLabel(t, 'vipLevel', ticket.vipLevel)}
        </Tag>
        {ticket.reopenCount > 0 && (
          <Tag color="orange">{t('tickets.detail.reopened', { count: ticket.reopenCount })}</Tag>
        )}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card size="small" data-testid="ticket-header">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('tickets.fields.title')} span={2}>
                  <span data-testid="ticket-title">{ticket.title}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('tickets.fields.subscriber')}>
                  <Link to={`/subscribers/${ticket.subscriberId}`} data-testid="ticket-subscriber">
                    {ticket.subscriberName} {ticket.msisdnMasked}
                  </Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('tickets.fields.source')}>
                  {t(`tickets.source.${ticket.source}`, { defaultValue: ticket.source })}
                </Descriptions.Item>
                <Descriptions.Item label={t('tickets.fields.group')}>
                  <span data-testid="ticket-group">{ticket.groupName ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('tickets.fields.assignee')}>
                  <span data-testid="ticket-assignee">{ticket.assigneeName ?? t('tickets.unassigned')}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('tickets.fields.openedAt')}>
                  {formatDateTime(ticket.openedAt)}
                </Descriptions.Item>
                {ticket.closedAt && (
                  <Descriptions.Item label={t('tickets.fields.closedAt')}>
                    {formatDateTime(ticket.closedAt)}
                  </Descriptions.Item>
                )}
                {ticket.description && (
                  <Descriptions.Item label={t('tickets.fields.description')} span={2}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</span>
                  </Descriptions.Item>
                )}
                {ticket.resolution && (
                  <Descriptions.Item label={t('tickets.fields.resolution')} span={2}>
                    <span data-testid="ticket-resolution" style={{ whiteSpace: 'pre-wrap' }}>
                      {ticket.resolution}
                    </span>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <SlaPanel sla={ticket.sla} fetchedAt={fetchedAt} />
            <TicketTimeline events={ticket.events} names={names} />
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <TicketActions ticket={ticket} onRefetch={onRefetch} />
            {ticket.contact && (
              <Card title={t('tickets.detail.contact')} size="small" data-testid="ticket-contact">
                <Flex gap={6} wrap style={{ marginBottom: 8 }}>
                  <Tag>{codeLabel(t, 'contactChannel', ticket.contact.channel)}</Tag>
                  <Tag>{codeLabel(t, 'contactDirection', ticket.contact.direction)}</Tag>
                  <Tag color={ticket.contact.type === 'complaint' ? 'red' : undefined}>
                    {codeLabel(t, 'contactType', ticket.contact.type)}
                  </Tag>
                </Flex>
                <ContactAnalysis analysis={ticket.contact} testId="ticket-analysis" />
              </Card>
            )}
            <RevisitsList revisits={ticket.revisits} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
