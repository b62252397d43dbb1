import { Card, Descriptions, type DescriptionsProps, Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Score360 } from '../../api/types-360';
import { CodeTags } from '../../components/CodeTags';
import { formatDate, formatYuan, TIER_COLORS } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

/** Operating tier (with why), lifecycle, sensitivity segments, VIP kind and contribution class. */
export function PlacementCard({ score }: { score: Score360 | null }) {
  const { t } = useTranslation();
  if (!score) {
    return (
      <Card title={t('s360.placement.title')} style={{ height: '100%' }}>
        <Empty description={t('s360.risk.notScored')} />
      </Card>
    );
  }
  const items: DescriptionsProps['items'] = [
    {
      key: 'tier',
      label: t('s360.placement.tier'),
      children: <Tag color={TIER_COLORS[score.tier]}>{codeLabel(t, 'tier', score.tier)}</Tag>,
    },
    {
      key: 'reason',
      label: t('s360.placement.tierReason'),
      children: codeLabel(t, 'tierReason', score.tierReason),
    },
    {
      key: 'lifecycle',
      label: t('s360.placement.lifecycle'),
      children: codeLabel(t, 'lifecycle', score.lifecycleStage),
    },
    {
      key: 'segments',
      label: t('s360.placement.segments'),
      children: (
        <CodeTags group="segment" codes={score.segments} color="geekblue" emptyText={t('common.none')} />
      ),
    },
    { key: 'vipKind', label: t('s360.placement.vipKind'), children: codeLabel(t, 'vipKind', score.vipKind) },
    {
      key: 'contribution',
      label: t('s360.placement.contribution'),
      children: codeLabel(t, 'contributionClass', score.contributionClass),
    },
    {
      key: 'pool',
      label: t('s360.placement.targetPool'),
      children: score.inTargetPool ? <Tag color="green">{t('common.yes')}</Tag> : t('common.no'),
    },
    { key: 'arpu3', label: t('s360.placement.arpu3'), children: formatYuan(score.arpu3Fen) },
    { key: 'risk', label: t('s360.placement.revenueAtRisk'), children: formatYuan(score.revenueAtRiskFen) },
    { key: 'asOf', label: t('s360.placement.asOf'), children: `${formatDate(score.asOf)} (#${score.runId})` },
  ];
  return (
    <Card title={t('s360.placement.title')} style={{ height: '100%' }}>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={items} />
    </Card>
  );
}
