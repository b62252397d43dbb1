import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  active: 'green',
  paused: 'orange',
  ended: 'purple',
};

export function CampaignStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="campaign-status" data-status={status}>
      {t(`campaigns.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
