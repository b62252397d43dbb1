import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LinearParams } from '../../api/forecasts';

export type LinearParamsCardProps = {
  params: LinearParams | null;
  growth: { growthRates: number[]; meanGrowth: number } | null;
};

/** The fitted N = a + bT with its R², and the growth rate the average-growth method compounds. */
export function LinearParamsCard({ params, growth }: LinearParamsCardProps) {
  const { t } = useTranslation();
  return (
    <Card title={t('forecasts.params.title')} size="small" data-testid="forecast-params">
      {!params && !growth && <Typography.Text type="secondary">{t('forecasts.params.none')}</Typography.Text>}
      <Descriptions column={1} size="small">
        {params && (
          <>
            <Descriptions.Item label={t('forecasts.params.linear')}>
              N = {params.a.toLocaleString()} + {params.b.toLocaleString()}·T
            </Descriptions.Item>
            <Descriptions.Item label={t('forecasts.params.r2')}>
              {params.r2 === null ? '—' : params.r2.toFixed(3)}
            </Descriptions.Item>
          </>
        )}
        {growth && (
          <Descriptions.Item label={t('forecasts.params.growth')}>
            {growth.meanGrowth.toFixed(1)}% ({growth.growthRates.slice(-3).join('%, ')}%)
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
