import { Card, Col, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Score360 } from '../../../api/types-360';
import { ArpuChart } from './ArpuChart';
import { RevenueMixChart } from './RevenueMixChart';
import { UsageChart } from './UsageChart';

/** Six-month ARPU, minutes and data, and the revenue mix — three cards in the 360 grid. */
export function ChartsRow({ score }: { score: Score360 }) {
  const { t } = useTranslation();
  return (
    <>
      <Col xs={24} lg={12} xl={8}>
        <Card title={t('s360.charts.arpu')} size="small">
          <ArpuChart series={score.series} />
        </Card>
      </Col>
      <Col xs={24} lg={12} xl={8}>
        <Card title={t('s360.charts.usage')} size="small">
          <UsageChart series={score.series} />
        </Card>
      </Col>
      <Col xs={24} lg={12} xl={8}>
        <Card title={t('s360.charts.revenueMix')} size="small">
          {score.revenueMix ? (
            <RevenueMixChart mix={score.revenueMix} />
          ) : (
            <Empty style={{ height: 228, paddingTop: 48 }} description={t('s360.charts.noRevenueMix')} />
          )}
        </Card>
      </Col>
    </>
  );
}
