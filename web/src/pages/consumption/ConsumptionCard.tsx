import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { consumptionKeys, fetchSubscriberConsumption } from '../../api/consumption';
import { EChart } from '../../charts/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMonthShort } from '../../format/format';
import { revenueBarsOption } from './consumptionCharts';
import { HistoryTags } from './HistoryTags';
import { PeerComparison } from './PeerComparison';
import { TimeOfDayProfile } from './TimeOfDayProfile';

export type ConsumptionCardProps = { subscriberId: number };

const PART_KEYS = {
  voiceFen: 'voice',
  dataFen: 'data',
  valueAddedFen: 'valueAdded',
  otherFen: 'other',
} as const;

/** The 360's consumption analysis (DOMAIN §8): revenue by part, own history, peers, time of day. */
export function ConsumptionCard({ subscriberId }: ConsumptionCardProps) {
  const { t, i18n } = useTranslation();
  const result = useQuery({
    queryKey: consumptionKeys.subscriber(subscriberId),
    queryFn: () => fetchSubscriberConsumption(subscriberId),
    retry: (count, error) => !isApiError(error, 'NOT_FOUND') && count < 2,
  });
  const data = result.data;
  const revenueOption = useMemo(
    () =>
      data
        ? revenueBarsOption(
            data.revenue,
            (month) => formatMonthShort(month, i18n.language),
            (part) => t(`consumption.card.${PART_KEYS[part]}`),
          )
        : null,
    [data, t, i18n.language],
  );

  return (
    <Card title={t('consumption.card.title')} size="small" data-testid="consumption-card">
      {isApiError(result.error, 'NOT_FOUND') ? (
        <Empty description={t('consumption.card.notFound')} />
      ) : result.isError ? (
        <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />
      ) : !data || !revenueOption ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Flex vertical gap={8}>
              <Typography.Text strong>{t('consumption.card.revenueTitle')}</Typography.Text>
              <EChart option={revenueOption} height={240} data-testid="consumption-revenue-chart" />
              <Typography.Text strong>{t('consumption.card.vsHistory')}</Typography.Text>
              <HistoryTags vsHistory={data.vsHistory} />
            </Flex>
          </Col>
          <Col xs={24} xl={12}>
            <Flex vertical gap={12}>
              <PeerComparison vsPeers={data.vsPeers} />
              <TimeOfDayProfile timeOfDay={data.timeOfDay} />
            </Flex>
          </Col>
          <Col span={24}>
            <Flex vertical gap={4}>
              {data.notes
                .filter((note) => note !== 'NO_NIGHT_SHARE')
                .map((note) => (
                  <Alert key={note} type="info" showIcon title={t(`consumption.card.notes.${note}`)} />
                ))}
            </Flex>
          </Col>
        </Row>
      )}
    </Card>
  );
}
