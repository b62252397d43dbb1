import { UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Owner } from '../../api/types-360';

export function OwnerCard({ owner }: { owner: Owner | null }) {
  const { t } = useTranslation();
  return (
    <Card title={t('s360.owner.title')} size="small">
      {owner ? (
        <Flex align="center" gap={12}>
          <Avatar icon={<UserOutlined />} style={{ background: '#1f5fbf' }} />
          <Flex vertical>
            <Typography.Text strong data-testid="owner-name">
              {owner.displayName}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('s360.owner.team')}: {owner.teamName ?? '—'}
            </Typography.Text>
          </Flex>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('s360.owner.none')}</Typography.Text>
      )}
    </Card>
  );
}
