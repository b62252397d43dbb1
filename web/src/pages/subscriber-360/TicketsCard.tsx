import { Card, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../api/types-360';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

const STATUS_COLORS: Record<string, string> = { open: 'orange', resolved: 'green', closed: 'default' };

/** Complaint tickets; an open ticket past its SLA shows its due time in red. */
export function TicketsCard({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Ticket> = [
    { key: 'no', title: t('s360.tickets.no'), dataIndex: 'complaintNo' },
    {
      key: 'category',
      title: t('s360.tickets.category'),
      render: (_, r) => codeLabel(t, 'ticketCategory', r.category),
    },
    {
      key: 'status',
      title: t('s360.tickets.status'),
      render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{codeLabel(t, 'ticketStatus', r.status)}</Tag>,
    },
    { key: 'opened', title: t('s360.tickets.openedAt'), render: (_, r) => formatDateTime(r.openedAt) },
    {
      key: 'sla',
      title: t('s360.tickets.slaDueAt'),
      responsive: ['md'],
      render: (_, r) => {
        const overdue = r.status === 'open' && r.slaDueAt !== null && dayjs(r.slaDueAt).isBefore(dayjs());
        return <span style={overdue ? { color: '#cf1322' } : undefined}>{formatDateTime(r.slaDueAt)}</span>;
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
    <Card title={t('s360.tickets.title')} style={{ height: '100%' }}>
      {tickets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('s360.tickets.none')} />
      ) : (
        <Table<Ticket>
          rowKey="complaintNo"
          size="small"
          columns={columns}
          dataSource={tickets}
          pagination={tickets.length > 8 ? { pageSize: 8, size: 'small' } : false}
        />
      )}
    </Card>
  );
}
