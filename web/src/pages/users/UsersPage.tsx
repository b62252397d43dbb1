import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTeams, fetchUsers } from '../../api/admin';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewUserModal } from './NewUserModal';
import { TeamsTable } from './TeamsTable';
import { UsersTable } from './UsersTable';

export const USERS_KEY = ['admin', 'users'] as const;
export const TEAMS_KEY = ['admin', 'teams'] as const;

export function UsersPage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const users = useQuery({ queryKey: USERS_KEY, queryFn: fetchUsers });
  const teams = useQuery({ queryKey: TEAMS_KEY, queryFn: fetchTeams });

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="user-new"
        >
          {t('users.newUser')}
        </Button>
      </Flex>
      {users.isError && (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} style={{ marginBottom: 16 }} />
      )}
      {teams.isError && (
        <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} style={{ marginBottom: 16 }} />
      )}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'users',
              label: `${t('users.users')} (${users.data?.items.length ?? 0})`,
              children: <UsersTable users={users.data?.items ?? []} loading={users.isPending} />,
            },
            {
              key: 'teams',
              label: `${t('users.teams')} (${teams.data?.items.length ?? 0})`,
              children: <TeamsTable teams={teams.data?.items ?? []} loading={teams.isPending} />,
            },
          ]}
        />
      </Card>
      <NewUserModal open={creating} teams={teams.data?.items ?? []} onClose={() => setCreating(false)} />
    </>
  );
}
