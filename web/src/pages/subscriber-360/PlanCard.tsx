import { Card, Descriptions, type DescriptionsProps, Divider, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contract, Plan } from '../../api/types-360';
import { formatDate, formatYuan, mbToGb } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

const WARN_DAYS = 30;

/** Plan allowances and the countdown to the nearest contract end (warning colour at ≤ 30 days). */
export function PlanCard({ plan, contract }: { plan: Plan; contract: Contract | null }) {
  const { t } = useTranslation();
  const items: DescriptionsProps['items'] = [
    { key: 'plan', label: t('s360.plan.plan'), children: `${plan.name} (${plan.code})` },
    { key: 'fee', label: t('s360.plan.monthlyFee'), children: formatYuan(plan.monthlyFeeFen) },
    {
      key: 'minutes',
      label: t('s360.plan.minutes'),
      children: t('s360.plan.minutesValue', { count: plan.includedMinutes }),
    },
    { key: 'data', label: t('s360.plan.data'), children: `${mbToGb(plan.includedDataMb)} GB` },
    { key: 'sms', label: t('s360.plan.sms'), children: t('s360.plan.smsValue', { count: plan.includedSms }) },
  ];
  const warn = contract !== null && contract.daysLeft <= WARN_DAYS;
  return (
    <Card title={t('s360.plan.title')} size="small">
      <Descriptions column={1} size="small" items={items} />
      <Divider style={{ margin: '12px 0' }} />
      {contract ? (
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Statistic
            title={t('s360.plan.daysLeft')}
            value={contract.daysLeft < 0 ? t('s360.plan.expired') : contract.daysLeft}
            suffix={contract.daysLeft < 0 ? undefined : t('s360.plan.days')}
            styles={{ content: { color: warn ? '#d4380d' : '#389e0d' } }}
            data-testid="contract-days-left"
          />
          <Flex vertical style={{ textAlign: 'right' }}>
            <Typography.Text>
              {t('s360.plan.endDate')}: {formatDate(contract.endDate)}
            </Typography.Text>
            <Typography.Text type="secondary">{codeLabel(t, 'contractKind', contract.kind)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {contract.contractNo}
            </Typography.Text>
          </Flex>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('s360.plan.noContract')}</Typography.Text>
      )}
    </Card>
  );
}
