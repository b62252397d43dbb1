import { ExportOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Briefing } from '../../api/types-workbench';
import { formatYuan, TIER_COLORS } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

type Props = {
  briefing: Briefing;
  /** Dial control, SMS button: the panel's live parts. */
  dial: React.ReactNode;
  sms: React.ReactNode;
  /** Put the task back (only before dialling). */
  onRelease: (() => void) | null;
  releasing: boolean;
};

/** Who is being called (masked), what kind of call, and the call's controls. */
export function CallHeader({ briefing, dial, sms, onRelease, releasing }: Props) {
  const { t } = useTranslation();
  const { who, task } = briefing;
  return (
    <Card data-testid="briefing-who" styles={{ body: { padding: 16 } }}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Flex vertical gap={6} style={{ minWidth: 0 }}>
          <Flex align="center" gap={10} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="briefing-name">
              {who.name}
            </Typography.Title>
            <Typography.Text
              style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }}
              data-testid="briefing-msisdn"
            >
              {who.msisdnMasked}
            </Typography.Text>
            <Tag color="gold">{codeLabel(t, 'vipLevel', who.vipLevel)}</Tag>
            {who.tier && <Tag color={TIER_COLORS[who.tier]}>{codeLabel(t, 'tier', who.tier)}</Tag>}
            {who.vipKind && who.vipKind !== 'none' && <Tag>{codeLabel(t, 'vipKind', who.vipKind)}</Tag>}
          </Flex>
          <Flex gap={4} wrap>
            <Tag color={task.kind === 'callback' ? 'magenta' : 'geekblue'}>
              {t(`workbench.kind.${task.kind}`, { defaultValue: task.kind })}
            </Tag>
            {task.action && task.action !== task.kind && (
              <Tag>{t(`workbench.kind.${task.action}`, { defaultValue: task.action })}</Tag>
            )}
            {task.campaign && <Tag color="purple">{task.campaign.name}</Tag>}
            <Tag color={briefing.contactPolicy.purpose === 'marketing' ? 'orange' : 'green'}>
              {t(`callPanel.policy.${briefing.contactPolicy.purpose}`)}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {[
              who.city,
              `${who.plan.name} ${formatYuan(who.plan.monthlyFeeFen)}`,
              t('callPanel.briefing.tenure', { count: who.tenureMonths }),
              who.contract
                ? t('callPanel.briefing.contract', {
                    kind: codeLabel(t, 'contractKind', who.contract.kind),
                    days: who.contract.daysLeft,
                  })
                : null,
              task.attempts > 0 ? t('workbench.queue.attempts', { count: task.attempts + 1 }) : null,
              task.claimExpiresAt
                ? t('callPanel.claimUntil', { time: dayjs(task.claimExpiresAt).format('HH:mm') })
                : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
        <Space wrap>
          {sms}
          <Link to={`/subscribers/${task.subscriberId}`} target="_blank" data-testid="open-360">
            <Button icon={<ExportOutlined />}>{t('callPanel.briefing.open360')}</Button>
          </Link>
          {onRelease && (
            <Popconfirm title={t('callPanel.releaseConfirm')} onConfirm={onRelease}>
              <Button icon={<RollbackOutlined />} loading={releasing} data-testid="release-task">
                {t('workbench.queue.release')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      <div style={{ marginTop: 12 }}>{dial}</div>
    </Card>
  );
}
