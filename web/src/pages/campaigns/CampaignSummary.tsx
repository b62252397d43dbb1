import { Card, Descriptions, Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../api/types-supervision';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../format/format';
import { segmentRuleText } from './segmentRuleText';

/** The campaign as configured (read-only): who, what, when, how many, and the holdout. */
export function CampaignSummary({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const rules = campaign.segment.rules;
  return (
    <Card title={t('campaigns.summary.title')} data-testid="campaign-summary">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'kind',
            label: t('campaigns.fieldsLabel.kind'),
            children: t(`campaigns.kind.${campaign.kind}`),
          },
          {
            key: 'dates',
            label: t('campaigns.list.dates'),
            children: `${formatDate(campaign.startsOn)} – ${campaign.endsOn ? formatDate(campaign.endsOn) : t('campaigns.list.open')}`,
          },
          {
            key: 'quota',
            label: t('campaigns.fieldsLabel.dailyQuota'),
            children: formatNumber(campaign.dailyQuota),
          },
          {
            key: 'holdout',
            label: t('campaigns.fieldsLabel.holdout'),
            children: formatPercent(campaign.holdoutShare, 1),
          },
          {
            key: 'window',
            label: t('campaigns.fieldsLabel.outcomeWindow'),
            children: t('campaigns.summary.days', { count: campaign.outcomeWindowDays }),
          },
          {
            key: 'members',
            label: t('campaigns.list.members'),
            children:
              campaign.status === 'draft'
                ? t('campaigns.summary.notDrawn')
                : t('campaigns.list.membersValue', {
                    treatment: formatNumber(campaign.members.treatment),
                    holdout: formatNumber(campaign.members.holdout),
                  }),
          },
          {
            key: 'script',
            label: t('campaigns.fieldsLabel.script'),
            children: campaign.scriptCode ?? t('common.none'),
          },
          {
            key: 'offers',
            label: t('campaigns.fieldsLabel.offers'),
            children:
              campaign.offerCodes.length === 0
                ? t('common.none')
                : campaign.offerCodes.map((code) => <Tag key={code}>{code}</Tag>),
          },
          {
            key: 'launched',
            label: t('campaigns.list.launched'),
            children: campaign.launchedAt
              ? t('campaigns.summary.launchedFrom', {
                  at: formatDateTime(campaign.launchedAt),
                  run: campaign.scoringRunId ?? '—',
                })
              : '—',
          },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'segment',
            label: t('campaigns.builder.segment'),
            children:
              rules.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.builder.noRules')} />
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {rules.map((rule, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: stored rules have no id and never reorder here
                    <li key={index}>{segmentRuleText(t, rule)}</li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </Card>
  );
}
