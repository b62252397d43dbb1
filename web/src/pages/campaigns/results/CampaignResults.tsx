import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchCampaignResults, svKeys } from '../../../api/supervision';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatNumber } from '../../../format/format';
import { HoldoutChurnChart } from './HoldoutChurnChart';
import { ResultsBanner } from './ResultsBanner';
import { ResultsKpis } from './ResultsKpis';
import { StrataTable } from './StrataTable';
import { UpliftChart } from './UpliftChart';

/** A launched campaign's proof: figures with intervals, churn per arm over time, uplift per stratum. */
export function CampaignResults({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: svKeys.campaignResults(campaignId),
    queryFn: () => fetchCampaignResults(campaignId),
    refetchInterval: 60_000,
  });

  if (results.isError) return <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />;
  if (!results.data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  const data = results.data;
  return (
    <Flex vertical gap={16} data-testid="campaign-results" data-status={data.status}>
      <ResultsBanner results={data} />
      {data.holdoutContacted > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('campaigns.results.holdoutContacted', { count: data.holdoutContacted })}
        />
      )}
      <ResultsKpis results={data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <HoldoutChurnChart points={data.dailyChurn} />
        </Col>
        <Col xs={24} xl={12}>
          <UpliftChart results={data} />
        </Col>
      </Row>
      <StrataTable strata={data.strata} />
      <span style={{ opacity: 0.6, fontSize: 12 }}>
        {t('campaigns.results.arms', {
          treatment: formatNumber(data.arms.treatment),
          holdout: formatNumber(data.arms.holdout),
          minimum: formatNumber(data.minimumPerArm),
        })}
      </span>
    </Flex>
  );
}
