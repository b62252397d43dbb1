import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { fetchCampaigns, svKeys } from '../../api/supervision';
import { CAMPAIGN_STATUSES, type Campaign } from '../../api/types-supervision';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUrlQuery } from '../../components/useUrlQuery';
import { formatDate, formatNumber, formatPercent } from '../../format/format';
import { CampaignStatusTag } from './CampaignStatusTag';

const URL_KEYS = ['status'] as const;

/** Every campaign in the user's scope, newest first, with its members per arm. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [values, update] = useUrlQuery(URL_KEYS);
  const campaigns = useQuery({ queryKey: svKeys.campaigns, queryFn: fetchCampaigns });
  const status = values.status ?? 'all';
  const items = (campaigns.data?.items ?? []).filter((c) => status === 'all' || c.status === status);

  const columns: ColumnsType<Campaign> = [
    {
      key: 'name',
      title: t('campaigns.list.name'),
      render: (_, c) => <Link to={`/campaigns/${c.id}`}>{c.name}</Link>,
    },
    { key: 'kind', title: t('campaigns.list.kind'), render: (_, c) => t(`campaigns.kind.${c.kind}`) },
    {
      key: 'status',
      title: t('campaigns.list.status'),
      render: (_, c) => <CampaignStatusTag status={c.status} />,
    },
    {
      key: 'members',
      title: t('campaigns.list.members'),
      align: 'right',
      render: (_, c) =>
        c.status === 'draft'
          ? '—'
          : t('campaigns.list.membersValue', {
              treatment: formatNumber(c.members.treatment),
              holdout: formatNumber(c.members.holdout),
            }),
    },
    {
      key: 'dates',
      title: t('campaigns.list.dates'),
      render: (_, c) =>
        `${formatDate(c.startsOn)} – ${c.endsOn ? formatDate(c.endsOn) : t('campaigns.list.open')}`,
    },
    {
      key: 'quota',
      title: t('campaigns.list.dailyQuota'),
      align: 'right',
      render: (_, c) => formatNumber(c.dailyQuota),
    },
    {
      key: 'holdout',
      title: t('campaigns.list.holdout'),
      align: 'right',
      render: (_, c) => formatPercent(c.holdoutShare, 0),
      responsive: ['lg'],
    },
    {
      key: 'launched',
      title: t('campaigns.list.launched'),
      render: (_, c) => formatDate(c.launchedAt),
      responsive: ['lg'],
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('campaigns.title')}
        </Typography.Title>
        {can(me, 'campaigns.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/campaigns/new')}
            data-testid="campaign-new"
          >
            {t('campaigns.list.new')}
          </Button>
        )}
      </Flex>
      {campaigns.isError && <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Flex style={{ padding: 12 }}>
          <Segmented
            value={status}
            onChange={(next) => update({ status: next === 'all' ? undefined : String(next) })}
            options={[
              { value: 'all', label: t('common.all') },
              ...CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) })),
            ]}
          />
        </Flex>
        <Table<Campaign>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={campaigns.isPending}
          locale={{ emptyText: t('campaigns.list.empty') }}
          onRow={(c) => ({ 'data-testid': `campaign-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      </Card>
    </Flex>
  );
}
