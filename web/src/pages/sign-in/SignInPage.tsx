import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { signIn } from '../../api/auth';
import type { Me } from '../../api/types';
import { homePath } from '../../auth/permissions';
import { ME_QUERY_KEY, useMe } from '../../auth/useMe';
import { ErrorText } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

type Values = { username: string; password: string };

/** Only same-site paths may be followed after sign-in. */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const me = useMe();
  const mutation = useMutation({
    mutationFn: (values: Values) => signIn(values.username.trim(), values.password),
    // Storing the user re-renders this page, which then redirects (below).
    onSuccess: (user: Me) => queryClient.setQueryData(ME_QUERY_KEY, user),
  });

  if (me.data) return <Navigate to={safeNext(params.get('next')) ?? homePath(me.data)} replace />;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            vipdesk 贵宾管家
          </Typography.Title>
          <Typography.Text type="secondary">{t('signIn.subtitle')}</Typography.Text>
        </Flex>
        {mutation.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={<ErrorText error={mutation.error} />}
            data-testid="signin-error"
          />
        )}
        <Form<Values> layout="vertical" requiredMark={false} onFinish={(values) => mutation.mutate(values)}>
          <Form.Item
            name="username"
            label={t('signIn.username')}
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              size="large"
              data-testid="signin-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="signin-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={mutation.isPending}
            data-testid="signin-submit"
          >
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ textAlign: 'center', margin: '16px 0 0', fontSize: 12 }}
        >
          {t('signIn.footer')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
