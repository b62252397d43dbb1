import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { fetchCampaign, svKeys } from '../../api/supervision';
import type { Campaign } from '../../api/types-supervision';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CampaignBuilder } from './CampaignBuilder';
import { CampaignControls } from './CampaignControls';
import { CampaignStatusTag } from './CampaignStatusTag';
import { CampaignSummary } from './CampaignSummary';
import { CampaignResults } from './results/CampaignResults';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/campaigns">
      <ArrowLeftOutlined /> {t('campaigns.title')}
    </Link>
  );
}

function CampaignNotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('campaigns.notFound')}
      extra={
        <Link to="/campaigns">
          <Button type="primary">{t('campaigns.backToList')}</Button>
        </Link>
      }
    />
  );
}

/** A new campaign's builder. */
function NewCampaign() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={16}>
      <BackLink />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('campaigns.builder.newTitle')}
      </Typography.Title>
      <CampaignBuilder
        key="new"
        campaign={null}
        onSaved={(saved) => void navigate(`/campaigns/${saved.id}`, { replace: true })}
      />
    </Flex>
  );
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const manager = can(me, 'campaigns.manage');
  const editable = campaign.status === 'draft' && manager;
  return (
    <Flex vertical gap={16}>
      <BackLink />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="campaign-title">
            {campaign.name}
          </Typography.Title>
          <CampaignStatusTag status={campaign.status} />
          <Typography.Text type="secondary">{t(`campaigns.kind.${campaign.kind}`)}</Typography.Text>
        </Flex>
        {manager && campaign.status !== 'draft' && <CampaignControls campaign={campaign} />}
      </Flex>
      {editable ? (
        <CampaignBuilder key={campaign.id} campaign={campaign} onSaved={() => undefined} />
      ) : (
        <CampaignSummary campaign={campaign} />
      )}
      {campaign.status !== 'draft' && <CampaignResults campaignId={campaign.id} />}
    </Flex>
  );
}

/** `/campaigns/new` builds a campaign; `/campaigns/:id` edits a draft or shows a launched one's results. */
export function CampaignPage() {
  const param = useParams().id ?? '';
  const id = Number(param);
  const valid = Number.isInteger(id) && id > 0;
  const campaign = useQuery({
    queryKey: svKeys.campaign(id),
    queryFn: () => fetchCampaign(id),
    enabled: valid,
  });

  if (param === 'new') return <NewCampaign />;
  if (!valid || isApiError(campaign.error, 'NOT_FOUND')) return <CampaignNotFound />;
  if (campaign.isError) return <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  return <CampaignView campaign={campaign.data} />;
}
