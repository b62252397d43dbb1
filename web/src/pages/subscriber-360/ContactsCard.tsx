import { Card, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../api/types-360';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

/** Contact history, newest first. */
export function ContactsCard({ contacts }: { contacts: Contact[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Contact> = [
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
        <Tag color={c.type === 'complaint' || c.type === 'dissatisfaction' ? 'red' : undefined}>
          {codeLabel(t, 'contactType', c.type)}
        </Tag>
      ),
    },
    {
      key: 'agent',
      title: t('s360.contacts.agent'),
      render: (_, c) => c.agentName ?? '—',
      responsive: ['md'],
    },
    { key: 'summary', title: t('s360.contacts.summary'), render: (_, c) => c.summary ?? '—', ellipsis: true },
  ];
  return (
    <Card title={t('s360.contacts.title')} style={{ height: '100%' }}>
      {contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('s360.contacts.none')} />
      ) : (
        <Table<Contact>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={contacts}
          pagination={contacts.length > 8 ? { pageSize: 8, size: 'small' } : false}
          data-testid="contacts-table"
        />
      )}
    </Card>
  );
}
