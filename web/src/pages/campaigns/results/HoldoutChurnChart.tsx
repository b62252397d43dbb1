import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DailyChurnPoint } from '../../../api/types-supervision';
import { EChart } from '../../../charts/EChart';
import { holdoutChurnOption } from './holdoutChurnOption';

/** Cumulative churn of the treated members and of the holdout, day by day since launch. */
export function HoldoutChurnChart({ points }: { points: DailyChurnPoint[] }) {
  const { t } = useTranslation();
  const treatment = t('campaigns.results.treatment');
  const holdout = t('campaigns.results.holdout');
  const day = t('campaigns.results.date');
  const option = useMemo(
    () => holdoutChurnOption(points, { treatment, holdout, day }),
    [points, treatment, holdout, day],
  );
  return (
    <Card title={t('campaigns.results.churnChart')} style={{ height: '100%' }}>
      {points.length === 0 ? (
        <Empty description={t('campaigns.results.noDays')} />
      ) : (
        <EChart option={option} height={300} data-testid="chart-holdout-churn" />
      )}
    </Card>
  );
}
