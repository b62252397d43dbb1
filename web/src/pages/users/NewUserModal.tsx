import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { createUser } from '../../api/admin';
import { isApiError } from '../../api/client';
import type { Role } from '../../api/types';
import type { NewUser, Team } from '../../api/types-admin';
import { ErrorAlert } from '../../components/ErrorAlert';
import { codeLabel } from '../../i18n/codes';

const ROLES: Role[] = ['agent', 'lead', 'analyst', 'auditor', 'admin'];
type Props = { open: boolean; teams: Team[]; onClose: () => void };

export function NewUserModal({ open, teams, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const mutation = useMutation({
    mutationFn: (user: NewUser) =>
      createUser({ ...user, username: user.username.trim(), teamId: user.teamId ?? null }),
    onSuccess: () => {
      void message.success(t('users.created'));
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      form.resetFields();
      onClose();
    },
    onError: (error) => {
      // Put field issues (e.g. "body.newPassword" / "body.password") next to their fields.
      if (!isApiError(error)) return;
      form.setFields(
        error.issues
          .map((issue) => ({ name: issue.path.replace(/^body\./, ''), errors: [issue.message] }))
          .filter((field) => ['username', 'displayName', 'role', 'teamId', 'password'].includes(field.name))
          .map((field) => ({ name: field.name as keyof NewUser, errors: field.errors })),
      );
    },
  });
  const required = [{ required: true, whitespace: true, message: t('users.required') }];

  return (
    <Modal
      open={open}
      title={t('users.newUser')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'user-create-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => mutation.reset()}
      destroyOnHidden
    >
      {mutation.isError && <ErrorAlert error={mutation.error} style={{ marginBottom: 16 }} />}
      <Form<NewUser>
        form={form}
        layout="vertical"
        initialValues={{ role: 'agent' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="username" label={t('users.username')} rules={required}>
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <Select options={ROLES.map((role) => ({ value: role, label: codeLabel(t, 'role', role) }))} />
        </Form.Item>
        <Form.Item name="teamId" label={t('users.team')}>
          <Select
            allowClear
            placeholder={t('users.noTeam')}
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordHelp')}
          rules={[{ required: true, min: 10, message: t('users.passwordHelp') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
