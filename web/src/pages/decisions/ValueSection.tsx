import { Card, Col, Form, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { FactorInput } from './FactorInput';
import { tierOptions } from './leverOptions';
import { PercentInput } from './PercentInput';
import { RecordEditor } from './RecordEditor';
import { YuanInput } from './YuanInput';

/** How value at risk is counted, what a contact costs, the floor, and the retention budget. */
export function ValueSection() {
  const { t } = useTranslation();
  return (
    <Card title={t('decisions.sections.value')} size="small">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name={['value', 'horizonMonths']}
            label={t('decisions.value.horizonMonths')}
            extra={t('decisions.value.horizonMonthsHelp')}
          >
            <InputNumber
              style={{ width: '100%' }}
              min={1}
              max={36}
              precision={0}
              suffix={t('decisions.months')}
              data-testid="lever-horizon"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={['value', 'vipBoost']}
            label={t('decisions.value.vipBoost')}
            extra={t('decisions.value.vipBoostHelp')}
          >
            <PercentInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="minExpectedValueFen"
            label={t('decisions.value.minExpectedValue')}
            extra={t('decisions.value.minExpectedValueHelp')}
          >
            <YuanInput />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['value', 'tierWeights']}
        label={t('decisions.value.tierWeights')}
        extra={t('decisions.value.tierWeightsHelp')}
      >
        <RecordEditor keys={tierOptions(t)} valueKind="factor" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name={['costs', 'callCostFen']} label={t('decisions.costs.call')}>
            <YuanInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={['costs', 'smsCostFen']} label={t('decisions.costs.sms')}>
            <YuanInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name={['budget', 'maxShareOfAnnualValue']}
            label={t('decisions.budget.share')}
            extra={t('decisions.budget.shareHelp')}
          >
            <PercentInput testId="lever-budget-share" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name={['budget', 'capFen']}
            label={t('decisions.budget.cap')}
            extra={t('decisions.budget.capHelp')}
          >
            <YuanInput testId="lever-budget-cap" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['retention', 'withoutOfferFactor']}
        label={t('decisions.retention.withoutOffer')}
        extra={t('decisions.retention.withoutOfferHelp')}
      >
        <FactorInput />
      </Form.Item>
    </Card>
  );
}
