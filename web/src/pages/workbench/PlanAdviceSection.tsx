import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanAdvice } from '../../api/types-workbench';
import { formatYuan } from '../../format/format';
import { reasonText } from './reasonText';

type Props = { advice: PlanAdvice | null; offerName: (code: string) => string | undefined };

/** The plan optimiser's result: what the current plan costs on actual use, and the moves worth proposing. */
export function PlanAdviceSection({ advice, offerName }: Props) {
  const { t } = useTranslation();
  if (!advice) return <Typography.Text type="secondary">{t('callPanel.briefing.noAdvice')}</Typography.Text>;
  const { current, recommendations, plans } = advice;
  const planName = (code: string) => plans.find((plan) => plan.code === code)?.name;
  const currentName = planName(advice.currentPlanCode);
  return (
    <Flex vertical gap={8}>
      {current && (
        <Typography.Text>
          {t('callPanel.briefing.currentPlan')}：{currentName ?? current.code} ·{' '}
          {t('callPanel.advice.average', {
            amount: formatYuan(current.averageFen),
            months: advice.months.length,
          })}
          {current.overageMonths > 0 &&
            ` · ${t('callPanel.advice.overage', {
              count: current.overageMonths,
              amount: formatYuan(current.averageOverageFen),
            })}`}
        </Typography.Text>
      )}
      {recommendations.length === 0 ? (
        <Typography.Text type="secondary">{t('callPanel.briefing.noAdvice')}</Typography.Text>
      ) : (
        recommendations.map((move) => {
          const saves = move.monthlyDifferenceFen < 0;
          const target =
            move.targetPlanName ?? (move.offerCode ? (offerName(move.offerCode) ?? move.offerCode) : '');
          return (
            <div
              key={`${move.kind}-${move.targetPlanCode ?? move.offerCode ?? ''}`}
              data-testid={`plan-advice-${move.kind}`}
              style={{ background: saves ? '#f6ffed' : '#fffbe6', borderRadius: 6, padding: '6px 10px' }}
            >
              <Flex gap={6} align="center" wrap>
                <Tag color={saves ? 'green' : 'gold'}>
                  {t(`callPanel.advice.kind.${move.kind}`, { defaultValue: move.kind })}
                </Tag>
                <Typography.Text strong>{target}</Typography.Text>
                <Typography.Text strong type={saves ? 'success' : 'warning'} data-testid="plan-advice-saving">
                  {saves
                    ? t('callPanel.briefing.monthlySaving', {
                        amount: formatYuan(-move.monthlyDifferenceFen),
                      })
                    : t('callPanel.briefing.monthlyExtra', { amount: formatYuan(move.monthlyDifferenceFen) })}
                </Typography.Text>
              </Flex>
              {move.reasons.map((reason, index) => (
                <Typography.Paragraph
                  // biome-ignore lint/suspicious/noArrayIndexKey: the reasons are a fixed list
                  key={index}
                  type="secondary"
                  style={{ margin: '2px 0 0', fontSize: 12 }}
                >
                  {reasonText(t, reason, { offerName, planName })}
                </Typography.Paragraph>
              ))}
            </div>
          );
        })
      )}
    </Flex>
  );
}
