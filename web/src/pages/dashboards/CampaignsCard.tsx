import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardKeys, fetchCampaignsDashboard } from '../../api/dashboards';
import type { CampaignFunnel, CampaignsDashboard } from '../../api/types-dashboards';
import { formatNumber, formatPercent } from '../../format/format';
import { campaignsOption } from './campaignsOption';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import { type DashboardFilters, scoredRangeQuery } from './dashboardFilters';

/** "+2.1 pp [0.4, 3.8]": the churn the campaign saved, with its 95% interval. */
function upliftText(uplift: CampaignFunnel['uplift']): string {
  if (!uplift) return '—';
  const pp = (share: number) => (share * 100).toFixed(1);
  const sign = uplift.difference > 0 ? '+' : '';
  return `${sign}${pp(uplift.difference)} pp [${pp(uplift.interval.low)}, ${pp(uplift.interval.high)}]`;
}

/** Per launched campaign: the treated arm's funnel and churn against its holdout. */
export function CampaignsCard({ filters }: { filters: DashboardFilters }) {
  const params = scoredRangeQuery(filters);
  const query = useQuery({
    queryKey: dashboardKeys.of('campaigns', params),
    queryFn: () => fetchCampaignsDashboard(params),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <DashboardQuery name="campaigns" query={query}>
      {(data) => <CampaignsView data={data} />}
    </DashboardQuery>
  );
}

function CampaignsView({ data }: { data: CampaignsDashboard }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      campaignsOption(
        data.campaigns.map((c) => ({
          name: c.name,
          members: c.treatment.members,
          contacted: c.treatment.contacted,
          reached: c.treatment.reached,
          accepted: c.treatment.accepted,
          treatmentChurn: c.treatment.churn.rate,
          holdoutChurn: c.holdout.churn.rate,
        })),
        {
          members: t('dashboards.campaigns.members'),
          contacted: t('dashboards.campaigns.contacted'),
          reached: t('dashboards.campaigns.reached'),
          accepted: t('dashboards.campaigns.accepted'),
          treatmentChurn: t('dashboards.campaigns.treatmentChurn'),
          holdoutChurn: t('dashboards.campaigns.holdoutChurn'),
        },
      ),
    [data, t],
  );
  const statusText = (c: CampaignFunnel) => t(`dashboards.campaigns.results.${c.resultsStatus}`);
  const headers = [
    t('dashboards.campaigns.campaign'),
    t('dashboards.campaigns.launchDay'),
    t('dashboards.campaigns.members'),
    t('dashboards.campaigns.contacted'),
    t('dashboards.campaigns.reached'),
    t('dashboards.campaigns.accepted'),
    t('dashboards.campaigns.holdoutMembers'),
    t('dashboards.campaigns.treatmentChurn'),
    t('dashboards.campaigns.holdoutChurn'),
    t('dashboards.campaigns.uplift'),
    t('dashboards.campaigns.status'),
  ];
  return (
    <DashboardCard
      name="campaigns"
      title={`${t('dashboards.campaigns.title')} · ${t('dashboards.until', { date: data.asOf })}`}
      option={option}
      height={460}
      empty={data.campaigns.length === 0 ? t('dashboards.campaigns.none') : null}
      note={t('dashboards.campaigns.note', { minimum: data.minimumPerArm })}
      table={
        <Table<CampaignFunnel>
          size="small"
          pagination={false}
          rowKey="campaignId"
          dataSource={data.campaigns}
          scroll={{ x: true }}
          columns={[
            { title: headers[0], dataIndex: 'name' },
            { title: headers[1], dataIndex: 'launchDay' },
            {
              title: headers[2],
              key: 'members',
              align: 'right',
              render: (_, c) => formatNumber(c.treatment.members),
            },
            {
              title: headers[3],
              key: 'contacted',
              align: 'right',
              render: (_, c) => formatNumber(c.treatment.contacted),
            },
            {
              title: headers[4],
              key: 'reached',
              align: 'right',
              render: (_, c) => formatNumber(c.treatment.reached),
            },
            {
              title: headers[5],
              key: 'accepted',
              align: 'right',
              render: (_, c) => formatNumber(c.treatment.accepted),
            },
            {
              title: headers[6],
              key: 'holdout',
              align: 'right',
              render: (_, c) => formatNumber(c.holdout.members),
            },
            {
              title: headers[7],
              key: 'tChurn',
              align: 'right',
              render: (_, c) => formatPercent(c.treatment.churn.rate),
            },
            {
              title: headers[8],
              key: 'hChurn',
              align: 'right',
              render: (_, c) => formatPercent(c.holdout.churn.rate),
            },
            { title: headers[9], key: 'uplift', align: 'right', render: (_, c) => upliftText(c.uplift) },
            { title: headers[10], key: 'status', render: (_, c) => statusText(c) },
          ]}
        />
      }
      csv={() => ({
        filename: `dashboard-campaigns-${data.asOf}.csv`,
        headers,
        rows: data.campaigns.map((c) => [
          c.name,
          c.launchDay,
          c.treatment.members,
          c.treatment.contacted,
          c.treatment.reached,
          c.treatment.accepted,
          c.holdout.members,
          c.treatment.churn.rate,
          c.holdout.churn.rate,
          c.uplift ? c.uplift.difference : null,
          statusText(c),
        ]),
      })}
    />
  );
}
