import { ArrowLeftOutlined, FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Result, Row, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { fetchSubscriber360 } from '../../api/subscribers';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { ConsumptionCard } from '../consumption/ConsumptionCard';
import { LogContactButton } from '../contacts/LogContactButton';
import { ChurnRiskCard } from './ChurnRiskCard';
import { ContactsCard } from './ContactsCard';
import { ChartsRow } from './charts/ChartsRow';
import { KeyMomentsCard } from './KeyMomentsCard';
import { OwnerCard } from './OwnerCard';
import { PlacementCard } from './PlacementCard';
import { PlanCard } from './PlanCard';
import { ProfileCard } from './ProfileCard';
import { SubscriberHeader } from './SubscriberHeader';
import { TagsCard } from './TagsCard';
import { TicketsCard } from './TicketsCard';

export function subscriber360Key(id: number, lang: string) {
  return ['subscribers', '360', id, lang] as const;
}

function NotInBook() {
  const { t } = useTranslation();
  return (
    <div data-testid="not-found-result">
      <Result
        status="404"
        title={t('s360.notFound')}
        subTitle={t('s360.notFoundSub')}
        extra={
          <Link to="/subscribers">
            <Button type="primary">{t('s360.backToSearch')}</Button>
          </Link>
        }
      />
    </div>
  );
}

export function Subscriber360Page() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const lang = currentLanguage();
  const result = useQuery({
    queryKey: subscriber360Key(id, lang),
    queryFn: () => fetchSubscriber360(id, lang),
    enabled: valid,
    // On a language switch keep showing this subscriber (and any unmasked values) while the new text loads.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
  });

  if (!valid || isApiError(result.error, 'NOT_FOUND')) return <NotInBook />;
  if (result.isError) return <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Skeleton.Input active style={{ width: 320 }} />
        <Row gutter={[16, 16]}>
          {[0, 1, 2].map((n) => (
            <Col key={n} xs={24} lg={8}>
              <Card>
                <Skeleton active paragraph={{ rows: 6 }} />
              </Card>
            </Col>
          ))}
        </Row>
      </Space>
    );
  }

  const data = result.data;
  const { score } = data;
  return (
    <div data-testid="subscriber-360">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Link to="/subscribers">
            <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
              {t('s360.backToSearch')}
            </Button>
          </Link>
          <Space wrap>
            {can(me, 'reports.generate') && (
              <Link to={`/subscribers/${id}/service-report`} data-testid="s360-service-report">
                <Button icon={<FileTextOutlined />}>{t('serviceReport.open')}</Button>
              </Link>
            )}
            {can(me, 'contacts.log') && <LogContactButton subscriberId={id} />}
          </Space>
        </Flex>
        <SubscriberHeader data={data} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={9}>
            <ProfileCard subscriberId={id} profile={data.profile} canUnmask={data.can.unmask} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <ChurnRiskCard score={score} />
          </Col>
          <Col xs={24} md={12} xl={7}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <OwnerCard owner={data.owner} />
              <PlanCard plan={data.plan} contract={data.contract} />
            </Space>
          </Col>
          <Col xs={24} lg={12}>
            <PlacementCard score={score} />
          </Col>
          <Col xs={24} lg={12}>
            <KeyMomentsCard moments={score?.keyMoments ?? null} />
          </Col>
          {score && <ChartsRow score={score} />}
          {score && (
            <Col span={24}>
              <ConsumptionCard subscriberId={id} />
            </Col>
          )}
          <Col xs={24} xl={12}>
            <ContactsCard subscriberId={id} contacts={data.contacts} />
          </Col>
          <Col xs={24} xl={12}>
            <TicketsCard tickets={data.tickets} />
          </Col>
          <Col span={24}>
            <TagsCard subscriberId={id} tags={data.tags} editable={data.can.editTags} />
          </Col>
        </Row>
      </Space>
    </div>
  );
}
