import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { disableUser, enableUser, endUserSessions } from '../../api/admin';
import type { User } from '../../api/types-admin';
import { errorMessage } from '../../components/ErrorAlert';

/** Disable / enable and end sessions for one user. */
export function UserActions({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const onError = (error: unknown) => void message.error(errorMessage(t, error));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin'] });

  const toggle = useMutation({
    mutationFn: () => (user.isDisabled ? enableUser(user.id) : disableUser(user.id)),
    onSuccess: () => void refresh(),
    onError,
  });
  const endSessions = useMutation({
    mutationFn: () => endUserSessions(user.id),
    onSuccess: (result) => {
      void message.success(t('users.sessionsEnded', { count: result.ended }));
      void refresh();
    },
    onError,
  });

  return (
    <Space size="small">
      {user.isDisabled ? (
        <Button
          size="small"
          loading={toggle.isPending}
          onClick={() => toggle.mutate()}
          data-testid={`user-enable-${user.id}`}
        >
          {t('users.enable')}
        </Button>
      ) : (
        <Popconfirm title={t('users.confirmDisable')} onConfirm={() => toggle.mutate()}>
          <Button size="small" danger loading={toggle.isPending} data-testid={`user-disable-${user.id}`}>
            {t('users.disable')}
          </Button>
        </Popconfirm>
      )}
      <Popconfirm title={t('users.confirmEndSessions')} onConfirm={() => endSessions.mutate()}>
        <Button
          size="small"
          disabled={user.activeSessions === 0}
          loading={endSessions.isPending}
          data-testid={`user-end-sessions-${user.id}`}
        >
          {t('users.endSessions')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
