import { PauseCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fetchTickets, ticketKeys } from '../../api/tickets';
import type { SlaState, TicketListQuery, TicketStatusFilter, TicketSummary } from '../../api/types-tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toPositiveInt, useUrlQuery } from '../../components/useUrlQuery';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { SlaCountdown } from './SlaCountdown';
import { TicketFilters, type TicketFilterValues } from './TicketFilters';
import { TicketStatusTag } from './TicketTags';
import { useTicketCategories } from './useTicketCategories';

const URL_KEYS = ['status', 'category', 'slaState', 'mine', 'page'] as const;
const PAGE_SIZE = 20;
const VIP_COLORS: Record<string, string> = {
  diamond: 'purple',
  platinum: 'geekblue',
  gold: 'gold',
  silver: 'cyan',
};

/** The tickets in the user's scope: active ones by the nearest due time, filters kept in the URL. */
export function TicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { nameOf } = useTicketCategories();
  const [values, update] = useUrlQuery(URL_KEYS);
  const filters: TicketFilterValues = {
    status: values.status ?? 'active',
    category: values.category,
    slaState: values.slaState,
    mine: values.mine === '1',
  };
  const page = toPositiveInt(values.page, 1);
  const query: TicketListQuery = {
    ...(filters.status !== 'all' ? { status: filters.status as TicketStatusFilter } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.slaState ? { slaState: filters.slaState as SlaState } : {}),
    ...(filters.mine ? { assignee: 'me' as const } : {}),
    page,
    pageSize: PAGE_SIZE,
  };
  const tickets = useQuery({
    queryKey: ticketKeys.list(query),
    queryFn: () => fetchTickets(query),
    placeholderData: keepPreviousData,
    // SLA clocks move: a minute-old list is stale.
    refetchInterval: 60_000,
  });
  const fetchedAt = tickets.dataUpdatedAt;

  const onFilters = (patch: Partial<TicketFilterValues>) => {
    const next = { ...filters, ...patch };
    update({
      status: next.status === 'active' ? undefined : next.status,
      category: next.category,
      slaState: next.slaState,
      mine: next.mine ? '1' : undefined,
      page: undefined,
    });
  };

  const columns: ColumnsType<TicketSummary> = [
    {
      key: 'no',
      title: t('tickets.fields.ticketNo'),
      render: (_, r) => (
        <Typography.Text strong data-testid={`ticket-no-${r.id}`}>
          {r.ticketNo}
        </Typography.Text>
      ),
      width: 100,
    },
    {
      key: 'subscriber',
      title: t('tickets.fields.subscriber'),
      render: (_, r) => (
        <Flex vertical>
          <span>{r.subscriberName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.msisdnMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'vip',
      title: t('tickets.fields.vipLevel'),
      render: (_, r) => <Tag color={VIP_COLORS[r.vipLevel]}>{codeLabel(t, 'vipLevel', r.vipLevel)}</Tag>,
      responsive: ['md'],
    },
    { key: 'category', title: t('tickets.fields.category'), render: (_, r) => nameOf(r.category) },
    { key: 'title', title: t('tickets.fields.title'), dataIndex: 'title', ellipsis: true },
    {
      key: 'group',
      title: t('tickets.fields.group'),
      render: (_, r) => r.groupName ?? '—',
      responsive: ['lg'],
    },
    {
      key: 'assignee',
      title: t('tickets.fields.assignee'),
      render: (_, r) =>
        r.assigneeName ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>,
      responsive: ['lg'],
    },
    {
      key: 'sla',
      title: t('tickets.fields.sla'),
      render: (_, r) => (
        <Flex gap={4} align="center" wrap>
          <SlaCountdown
            snapshot={{
              state: r.slaState,
              dueAt: r.dueAt,
              remainingMinutes: r.remainingMinutes,
              overdueMinutes: r.overdueMinutes,
            }}
            fetchedAt={fetchedAt}
            testId={`ticket-sla-${r.id}`}
          />
          {r.escalationLevel !== 'none' && (
            <Tooltip title={t(`tickets.escalation.${r.escalationLevel}`)}>
              <Tag color="red">{t('tickets.list.escalated')}</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('tickets.fields.status'),
      render: (_, r) => <TicketStatusTag status={r.status} testId={`ticket-status-${r.id}`} />,
    },
    {
      key: 'opened',
      title: t('tickets.fields.openedAt'),
      render: (_, r) => formatDateTime(r.openedAt),
      responsive: ['xl'],
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="tickets-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('tickets.title')}
      </Typography.Title>
      {tickets.isError && <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <TicketFilters values={filters} onChange={onFilters} />
        <Table<TicketSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tickets.data?.items ?? []}
          loading={tickets.isPending}
          locale={{ emptyText: t('tickets.list.empty') }}
          data-testid="tickets-table"
          onRow={(r) =>
            ({
              'data-testid': `ticket-row-${r.id}`,
              'data-ticket-no': r.ticketNo,
              style: { cursor: 'pointer' },
              onClick: () => void navigate(`/tickets/${r.id}`),
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: tickets.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.totalItems', { total }),
            onChange: (next) => update({ page: next === 1 ? undefined : next }),
          }}
        />
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <PauseCircleOutlined /> {t('tickets.list.legend')}
      </Typography.Text>
    </Flex>
  );
}
