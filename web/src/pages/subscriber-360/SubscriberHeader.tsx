import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Subscriber360 } from '../../api/types-360';
import { RISK_COLORS, TIER_COLORS } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { SendSmsButton } from '../workbench/SendSmsButton';

/** Name, masked number and the headline tags. */
export function SubscriberHeader({ data }: { data: Subscriber360 }) {
  const { t } = useTranslation();
  const { profile, score } = data;
  return (
    <Flex align="center" gap={12} wrap>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {profile.name}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ fontSize: 16 }}>
        {profile.msisdnMasked}
      </Typography.Text>
      <Tag color="gold">{codeLabel(t, 'vipLevel', profile.vipLevel)}</Tag>
      <Tag>{codeLabel(t, 'brand', profile.brand)}</Tag>
      {profile.status !== 'active' && <Tag color="red">{codeLabel(t, 'status', profile.status)}</Tag>}
      {score && <Tag color={TIER_COLORS[score.tier]}>{codeLabel(t, 'tier', score.tier)}</Tag>}
      {score && <Tag color={RISK_COLORS[score.riskBand]}>{codeLabel(t, 'riskBand', score.riskBand)}</Tag>}
      {profile.doNotCall && <Tag color="magenta">{t('s360.profile.doNotCall')}</Tag>}
      <span style={{ marginInlineStart: 'auto' }}>
        <SendSmsButton subscriberId={profile.id} />
      </span>
    </Flex>
  );
}
