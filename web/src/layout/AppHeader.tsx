import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Flex, Layout, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { signOut } from '../api/auth';
import { ME_QUERY_KEY, useMe } from '../auth/useMe';
import { codeLabel } from '../i18n/codes';
import { LanguageSwitch } from './LanguageSwitch';

export function AppHeader() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const onSignOut = async () => {
    try {
      await signOut();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
      void navigate('/sign-in', { replace: true });
    }
  };

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        paddingInline: 24,
        borderBottom: '1px solid #e8ebf0',
      }}
    >
      <Flex vertical style={{ lineHeight: 1.3 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          vipdesk 贵宾管家
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('app.tagline')}
        </Typography.Text>
      </Flex>
      <Space size="middle">
        <LanguageSwitch />
        {me && (
          <Space size="small">
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text data-testid="user-name">{me.displayName}</Typography.Text>
            <Tag color="blue" data-testid="user-role">
              {codeLabel(t, 'role', me.role)}
            </Tag>
            {me.teamName && <Typography.Text type="secondary">{me.teamName}</Typography.Text>}
          </Space>
        )}
        <Button icon={<LogoutOutlined />} onClick={() => void onSignOut()} data-testid="signout">
          {t('header.signOut')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
