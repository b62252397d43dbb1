import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchDecisionSettings, svKeys } from '../../api/supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DecisionSettingsForm } from './DecisionSettingsForm';
import { PSaveTable } from './PSaveTable';

/** The analyst's next-best-action levers and budget, and P(save) prior vs estimate. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: svKeys.decisionSettings, queryFn: fetchDecisionSettings });
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('decisions.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('decisions.subtitle')}</Typography.Text>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={14}>
          {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
          {settings.data ? (
            <DecisionSettingsForm key={settings.data.version} current={settings.data} />
          ) : (
            !settings.isError && (
              <Card>
                <Skeleton active paragraph={{ rows: 10 }} />
              </Card>
            )
          )}
        </Col>
        <Col xs={24} xxl={10}>
          <PSaveTable />
        </Col>
      </Row>
    </Flex>
  );
}
