import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The call panel before a task is claimed. */
export function EmptyPanel({ onNext, claiming }: { onNext: () => void; claiming: boolean }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="call-panel-empty">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <>
            <Typography.Title level={5}>{t('workbench.panel.empty')}</Typography.Title>
            <Typography.Text type="secondary">{t('workbench.panel.emptyHint')}</Typography.Text>
          </>
        }
      >
        <Button type="primary" icon={<PhoneOutlined />} loading={claiming} onClick={onNext}>
          {t('workbench.queue.next')}
        </Button>
      </Empty>
    </Card>
  );
}
