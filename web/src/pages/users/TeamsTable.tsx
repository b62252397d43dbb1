import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../api/types-admin';

export function TeamsTable({ teams, loading }: { teams: Team[]; loading: boolean }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Team> = [
    { key: 'name', title: t('users.team'), dataIndex: 'name' },
    { key: 'lead', title: t('users.lead'), render: (_, team) => team.leadName ?? '—' },
    { key: 'members', title: t('users.members'), dataIndex: 'members', align: 'right' },
  ];
  return (
    <Table<Team>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={teams}
      loading={loading}
      pagination={false}
    />
  );
}
