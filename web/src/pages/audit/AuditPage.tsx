import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { searchAudit } from '../../api/admin';
import type { AuditEntry, AuditQuery } from '../../api/types-admin';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toPositiveInt, useUrlQuery } from '../../components/useUrlQuery';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { AuditFilters } from './AuditFilters';

const URL_KEYS = ['actor', 'action', 'subscriberId', 'from', 'to', 'page', 'pageSize'] as const;

function actionColor(action: string): string | undefined {
  if (action === 'access.denied' || action === 'rate.limited' || action === 'auth.sign_in_failed')
    return 'red';
  if (action === 'subscriber.unmask' || action === 'subscriber.export') return 'orange';
  if (action.startsWith('user.')) return 'purple';
  return undefined;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [values, update] = useUrlQuery(URL_KEYS);
  const page = toPositiveInt(values.page, 1);
  const pageSize = Math.min(toPositiveInt(values.pageSize, 50), 200);
  const query: AuditQuery = { ...values, page, pageSize };
  const result = useQuery({
    queryKey: ['audit', query],
    queryFn: () => searchAudit(query),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<AuditEntry> = [
    { key: 'time', title: t('audit.time'), render: (_, e) => formatDateTime(e.occurredAt), width: 150 },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorLabel' },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => <Tag color={actionColor(e.action)}>{codeLabel(t, 'auditAction', e.action)}</Tag>,
    },
    {
      key: 'target',
      title: t('audit.target'),
      render: (_, e) =>
        e.subscriberId !== null ? (
          <Link to={`/subscribers/${e.subscriberId}`}>#{e.subscriberId}</Link>
        ) : (
          (e.target ?? '—')
        ),
    },
    { key: 'reason', title: t('audit.reason'), render: (_, e) => e.reason ?? '—', ellipsis: true },
    { key: 'ip', title: t('audit.sourceIp'), render: (_, e) => e.sourceIp ?? '—', responsive: ['lg'] },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} className="vd-page-title" style={{ marginBottom: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card>
        <AuditFilters
          values={values}
          onSearch={(filters) => update({ ...filters, page: undefined, pageSize: values.pageSize }, true)}
        />
      </Card>
      {result.isError && <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result.data?.items ?? []}
          loading={result.isFetching}
          locale={{ emptyText: t('audit.empty') }}
          onRow={(e) => ({ 'data-testid': `audit-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
          expandable={{
            rowExpandable: (e) => e.details !== null,
            expandedRowRender: (e) => (
              <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {JSON.stringify(e.details, null, 2)}
              </pre>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: result.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.totalItems', { total }),
            onChange: (nextPage, nextSize) =>
              update({ page: nextSize !== pageSize ? undefined : nextPage, pageSize: nextSize }),
          }}
        />
      </Card>
    </Space>
  );
}
