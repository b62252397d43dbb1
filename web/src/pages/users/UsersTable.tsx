import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types-admin';
import { formatDateTime, formatNumber } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { UserActions } from './UserActions';

function isLocked(user: User): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

export function UsersTable({ users, loading }: { users: User[]; loading: boolean }) {
  const { t } = useTranslation();
  const columns: ColumnsType<User> = [
    { key: 'username', title: t('users.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    {
      key: 'role',
      title: t('users.role'),
      render: (_, u) => <Tag color="blue">{codeLabel(t, 'role', u.role)}</Tag>,
    },
    { key: 'team', title: t('users.team'), render: (_, u) => u.teamName ?? '—' },
    {
      key: 'state',
      title: t('users.state'),
      render: (_, u) => (
        <>
          {u.isDisabled ? (
            <Tag color="red">{t('users.disabled')}</Tag>
          ) : (
            <Tag color="green">{t('users.active')}</Tag>
          )}
          {isLocked(u) && (
            <Tag color="orange">{t('users.locked', { until: formatDateTime(u.lockedUntil) })}</Tag>
          )}
        </>
      ),
    },
    {
      key: 'lastSignIn',
      title: t('users.lastSignIn'),
      render: (_, u) => formatDateTime(u.lastSignInAt),
      responsive: ['lg'],
    },
    { key: 'sessions', title: t('users.sessions'), dataIndex: 'activeSessions', align: 'right' },
    { key: 'book', title: t('users.bookSize'), render: (_, u) => formatNumber(u.bookSize), align: 'right' },
    { key: 'actions', title: t('common.actions'), render: (_, u) => <UserActions user={u} /> },
  ];
  return (
    <Table<User>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={users.length > 50 ? { pageSize: 50 } : false}
      onRow={(u) => ({ 'data-testid': `user-row-${u.id}` }) as HTMLAttributes<HTMLElement>}
      scroll={{ x: 'max-content' }}
    />
  );
}
