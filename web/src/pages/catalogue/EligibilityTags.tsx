import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OfferEligibility } from '../../api/types-supervision';
import { type CodeGroup, codeLabel } from '../../i18n/codes';

const LISTS: {
  key: 'tiers' | 'riskBands' | 'segments' | 'signals' | 'sceneTags';
  group: CodeGroup;
  color: string;
}[] = [
  { key: 'tiers', group: 'tier', color: 'purple' },
  { key: 'riskBands', group: 'riskBand', color: 'volcano' },
  { key: 'segments', group: 'segment', color: 'cyan' },
  { key: 'signals', group: 'signal', color: 'red' },
  { key: 'sceneTags', group: 'sceneTag', color: 'green' },
];

/** Who an offer is for, as tags; no condition at all reads "everyone". */
export function EligibilityTags({ eligibility }: { eligibility: OfferEligibility }) {
  const { t } = useTranslation();
  const tags: { key: string; text: string; color?: string }[] = [];
  for (const list of LISTS) {
    for (const code of eligibility[list.key] ?? []) {
      tags.push({ key: `${list.key}:${code}`, text: codeLabel(t, list.group, code), color: list.color });
    }
  }
  for (const plan of eligibility.planCodes ?? []) tags.push({ key: `plan:${plan}`, text: plan });
  if (eligibility.minTenureMonths) {
    tags.push({
      key: 'tenure',
      text: t('catalogue.eligibility.tenureAtLeast', { months: eligibility.minTenureMonths }),
    });
  }
  if (tags.length === 0)
    return <Typography.Text type="secondary">{t('catalogue.eligibility.everyone')}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag.key} color={tag.color}>
          {tag.text}
        </Tag>
      ))}
    </Space>
  );
}
