import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORECAST_METHODS, type ForecastMethod, postForecast } from '../../api/forecasts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { BacktestTable } from './BacktestTable';
import { parseValues } from './parseValues';

/** Paste any series (e.g. the seed's call minutes) and forecast it with the same methods. */
export function CustomForecast() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [method, setMethod] = useState<ForecastMethod>('combined');
  const [horizon, setHorizon] = useState(1);
  const [badItem, setBadItem] = useState<{ index: number; item: string } | null>(null);
  const forecast = useMutation({ mutationFn: postForecast });

  const handleSubmit = () => {
    const parsed = parseValues(text);
    if ('bad' in parsed) {
      setBadItem(parsed.bad);
      return;
    }
    setBadItem(null);
    forecast.mutate({ values: parsed.values, method, horizon });
  };

  const result = forecast.data;
  return (
    <Card title={t('forecasts.custom.title')} size="small">
      <Flex vertical gap={8}>
        <Input.TextArea
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('forecasts.custom.placeholder')}
          data-testid="forecast-custom-values"
        />
        <Flex gap={8} wrap align="center">
          <Select<ForecastMethod>
            value={method}
            onChange={setMethod}
            style={{ minWidth: 180 }}
            options={FORECAST_METHODS.map((m) => ({ value: m, label: t(`forecasts.method.${m}`) }))}
          />
          <InputNumber
            min={1}
            max={60}
            value={horizon}
            onChange={(value) => setHorizon(value ?? 1)}
            addonBefore={t('forecasts.horizon')}
          />
          <Button
            type="primary"
            onClick={handleSubmit}
            loading={forecast.isPending}
            data-testid="forecast-custom-submit"
          >
            {t('forecasts.custom.submit')}
          </Button>
        </Flex>
        {badItem && <Alert type="error" showIcon message={t('forecasts.custom.invalid', badItem)} />}
        {forecast.isError && <ErrorAlert error={forecast.error} />}
        {result && (
          <Flex vertical gap={8} data-testid="forecast-custom-result">
            <Typography.Text strong>
              {t('forecasts.custom.forecast')}: {result.forecasts.map((f) => f.toLocaleString()).join(', ')}
            </Typography.Text>
            {result.params && (
              <Typography.Text>
                N = {result.params.a} + {result.params.b}·T, R² = {result.params.r2?.toFixed(3) ?? '—'}
              </Typography.Text>
            )}
            {result.meanGrowth !== undefined && (
              <Typography.Text>
                {t('forecasts.params.growth')}: {result.meanGrowth}%
              </Typography.Text>
            )}
            <BacktestTable
              methods={FORECAST_METHODS}
              backtest={result.backtest}
              notApplicable={result.notApplicable}
              best={result.best}
              formatError={(v) => v.toLocaleString()}
              testId="forecast-custom-backtest"
              bestTestId="forecast-custom-best"
            />
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
